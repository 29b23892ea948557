import Model

/// Every order customer's purchase forecasts (`CustomerPurchaseForecast`), in customer order,
/// kept compactly and put together when read.
///
/// Stored per customer: the index, the history and the index of its (x, tₓ, T) triple (32
/// bytes, where a stored forecast takes 80 besides the history it copies); per distinct triple:
/// the BG/NBD values (`TripleForecasts`). A forecast read at position i is
///
///     P(alive), E[purchases in 13 and 52 weeks]  = the triple's values,
///     expected order value                       = Gamma-Gamma E[M | x, mₓ] (nil without a spend model),
///     12-month CLV                               = gross margin × order value × the triple's discounted purchases,
///
/// the same formula on the same inputs as when every forecast was stored, so the same bits.
public struct PurchaseForecasts: RandomAccessCollection, Sendable {
    private let customers: [Int32]
    private let histories: [PurchaseHistory]
    private let tripleOf: [Int32]
    private let perTriple: TripleForecasts
    private let spend: GammaGammaModel?
    private let grossMargin: Double

    /// `customers[i]` has `histories[i]`, whose triple is `tripleOf[i]` in `perTriple`.
    init(customers: [CustomerIndex], histories: [PurchaseHistory], tripleOf: [Int32], perTriple: TripleForecasts,
         spend: GammaGammaModel?, grossMargin: Double) {
        self.init(customers: customers.map { Int32($0) }, histories: histories, tripleOf: tripleOf, perTriple: perTriple,
                  spend: spend, grossMargin: grossMargin)
    }

    /// The same with the customer indices as 32-bit numbers (as `PurchaseHistory.all` gives them).
    init(customers: [Int32], histories: [PurchaseHistory], tripleOf: [Int32], perTriple: TripleForecasts,
         spend: GammaGammaModel?, grossMargin: Double) {
        precondition(customers.count == histories.count && tripleOf.count == histories.count, "one triple per customer")
        self.customers = customers
        self.histories = histories
        self.tripleOf = tripleOf
        self.perTriple = perTriple
        self.spend = spend
        self.grossMargin = grossMargin
    }

    /// No forecasts.
    init() {
        self.init(customers: [Int32](), histories: [], tripleOf: [], perTriple: TripleForecasts(), spend: nil, grossMargin: 0)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { histories.count }

    /// The customer of the forecast at `position` (without putting the forecast together).
    func customer(at position: Int) -> CustomerIndex { Int(customers[position]) }

    public subscript(position: Int) -> CustomerPurchaseForecast {
        let h = histories[position], k = Int(tripleOf[position])
        let orderValue = spend?.expectedValue(x: h.x, meanValue: h.meanRepeatValue ?? 0)
        let clv = orderValue.flatMap { v in perTriple.discountedPurchases[k].map { grossMargin * v * $0 } }
        return CustomerPurchaseForecast(
            customer: Int(customers[position]), history: h, probabilityAlive: perTriple.probabilityAlive[k],
            expectedPurchases13Weeks: perTriple.expected13Weeks[k], expectedPurchases52Weeks: perTriple.expected52Weeks[k],
            expectedOrderValue: orderValue, clv12Months: clv)
    }
}
