import Model

/// Every customer's orders (day and amount), grouped by customer and in file order within a
/// customer: customer c's are `days[starts[c] ..< starts[c + 1]]` and the same range of
/// `amounts`. 12 bytes per order plus 4 per customer, where the dataset's orders (16 bytes each)
/// and their positions by customer (4 bytes each) cost 20: health and prediction read the orders
/// through this copy, so the dataset's can be released once the ledger and the evidence are built.
struct CustomerOrderLists: Sendable {
    private let starts: [Int32]
    private let days: [Day]
    private let amounts: [Double]

    /// `orders` grouped as `byCustomer` places them (orders of no known customer are left out).
    init(_ orders: [Order], byCustomer: OrdersByCustomer, customerCount: Int) {
        let total = byCustomer.count(of: 0..<customerCount)
        var starts = [Int32](repeating: 0, count: customerCount + 1)
        var amounts = [Double]()
        amounts.reserveCapacity(total)
        days = [Day](unsafeUninitializedCapacity: total) { buffer, initialized in
            var k = 0
            for c in 0..<customerCount {
                byCustomer.forEach(of: c, in: orders) { o in
                    buffer.initializeElement(at: k, to: o.day)
                    amounts.append(o.amount)
                    k += 1
                }
                starts[c + 1] = Int32(k)
            }
            initialized = k
        }
        self.starts = starts
        self.amounts = amounts
    }

    /// How many orders all customers have.
    var count: Int { days.count }

    /// Calls `body` with each order of `customer`, in file order.
    @inline(__always)
    func forEach(of customer: CustomerIndex, _ body: (Order) -> Void) {
        guard customer >= 0, customer + 1 < starts.count else { return }
        for k in Int(starts[customer])..<Int(starts[customer + 1]) {
            body(Order(customer: customer, day: days[k], amount: amounts[k]))
        }
    }
}
