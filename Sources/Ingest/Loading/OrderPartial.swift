import Model

/// What one partition of an orders file folds its rows into when a customers file names the
/// customers (see `DatasetBuilder.loadOrders`): the orders in chunks (so the dataset's array is
/// made once at its exact size), their ids (for repeats), the cadences they state and
/// the join of keys that are not customer ids. The partitions' partials are combined in file
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
        /// Orders the partition probably holds (its share of the file's estimate).
        let expectedRows: Int
    }

    /// 2 Mi orders (32 MiB): above glibc's largest mmap threshold, so each chunk is mapped on
    /// its own and returned to the system when freed (smaller ones are carved from the heap,
    /// which keeps the pages: the orders were then resident twice while being moved).
    static let chunkCapacity = 1 << 21
    private(set) var chunks: [[Order]] = []
    private var current: [Order] = []
    private(set) var count = 0
    private(set) var seen: OrderIDSet
    /// By customer: the cadence of the partition's last order of that customer stating one.
    private(set) var declared: [BillingCadence?] = []
    private(set) var join = RevenueJoin()

    init(_ context: Context) {
        seen = OrderIDSet(expected: context.hasIDs ? context.expectedRows : 0)
        current.reserveCapacity(min(Self.chunkCapacity, context.expectedRows + 16))
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
        if current.count == Self.chunkCapacity {
            chunks.append(current)
            current = []
            current.reserveCapacity(Self.chunkCapacity)
        }
        current.append(Order(customer: customer, day: order.day, amount: order.amount))
        count += 1
        if let cadence = order.cadence { declared.state(cadence, for: customer) }
        return .use
    }

    /// Moves the orders to the end of `orders` chunk by chunk, releasing each chunk as it goes
    /// (so the orders are held about once, not twice).
    mutating func moveOrders(to orders: inout [Order]) {
        chunks.append(current)
        current = []
        for k in chunks.indices {
            orders.append(contentsOf: chunks[k])
            chunks[k] = []
        }
        chunks = []
        count = 0
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
