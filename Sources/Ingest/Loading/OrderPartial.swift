import Model

/// What one partition of an orders file folds its rows into when a customers file names the
/// customers (see `DatasetBuilder.loadOrders`): the orders in blocks of customers (moved, not copied, to the
/// builder's, which the loader groups by customer once every orders file is read), their ids
/// (for repeats), the cadences they state and the join of keys that are not customer ids. The partitions' partials are combined in file
/// order, so the result is that of one pass over the file.
struct OrderPartial: Sendable {
    /// What every partition reads and nothing changes while they run.
    struct Context: Sendable {
        let customerIndex: ByteKeyedIndex
        /// Whether rows whose key is not a customer id are joined by other keys (`JoinState.file`).
        let joins: Bool
        /// Whether the file has an order id column (repeats are `duplicate_id`).
        let hasIDs: Bool
        let keys: CustomerKeys?
        /// The scales the held amounts are coded at (`OrderBlocks.scales`).
        let scales: [Double]
    }

    /// The partition's orders, in file order.
    var orders: OrderBlocks
    var count: Int { orders.count }
    private(set) var seen: OrderIDSet
    /// By customer: the cadence of the partition's last order of that customer stating one.
    private(set) var declared: [BillingCadence?] = []
    private(set) var join = RevenueJoin()

    /// `expectedRows`: orders the partition probably holds (its share of the file's estimate).
    init(_ context: Context, expectedRows: Int) {
        seen = OrderIDSet(expected: context.hasIDs ? expectedRows : 0)
        orders = OrderBlocks(scales: context.scales)
    }

    /// Folds one order in: its customer by id (else by the other keys), its id checked for a
    /// repeat, its cadence noted.
    @inline(__always)
    mutating func add(_ order: OrderRecord, _ context: Context) -> OrderVerdict {
        let customer: CustomerIndex
        if let i = context.customerIndex.value(for: order.customerID) {
            join.idMatches &+= 1
            customer = i
        } else {
            guard context.joins,
                  let i = join.customer(for: order.customerID, line: order.line, keys: context.keys) else {
                return .unknownCustomer
            }
            customer = i
        }
        if context.hasIDs && !order.orderID.isEmpty {
            guard seen.insert(order.orderID) else { return .duplicateID }
        }
        orders.append(customer: customer, day: order.day, made: order.made) { order.amount }
        if let cadence = order.cadence { declared.state(cadence, for: customer) }
        return .use
    }
}

extension [BillingCadence?] {
    /// Records that `customer`'s orders state `cadence` (the last one stated wins), growing the
    /// list up to the customer.
    mutating func state(_ cadence: BillingCadence, for customer: CustomerIndex) {
        if count <= customer { self += [BillingCadence?](repeating: nil, count: customer + 1 - count) }
        self[customer] = cadence
    }
}
