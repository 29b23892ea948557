import Foundation

/// Twelve-month customer lifetime value of an order business from BG/NBD and Gamma-Gamma:
///
///     CLV = margin × E[M | x, mₓ] × Σ_{m=1}^{12} (E[Y(tₘ)] − E[Y(tₘ₋₁)]) / (1 + d)^m
///
/// where E[Y(t)] is the BG/NBD expected purchases in the next t weeks, tₘ = m months of
/// 365.25 / 12 days (in weeks: ÷ 7), and d = (1 + annual rate)^(1/12) − 1 the monthly discount
/// rate, so each month's expected purchases are discounted to today at the month's end.
public struct CustomerLifetimeValue: Sendable, Hashable {
    public var months = 12
    /// Annual discount rate (0.10 = 10 %).
    public var annualDiscountRate: Double
    /// Gross margin applied to revenue (1.0 = 100 %).
    public var grossMargin: Double

    public init(annualDiscountRate: Double = 0.10, grossMargin: Double = 1.0) {
        self.annualDiscountRate = annualDiscountRate
        self.grossMargin = grossMargin
    }

    public static let weeksPerMonth = 365.25 / 12 / 7

    /// CLV of one customer; nil when a model has no value for them.
    public func value(purchases: BGNBDModel, spend: GammaGammaModel, history h: PurchaseHistory) -> Double? {
        guard let orderValue = spend.expectedValue(x: h.x, meanValue: h.meanRepeatValue ?? 0),
              let months = discountedPurchases(purchases, history: h) else { return nil }
        return grossMargin * orderValue * months.reduce(0, +)
    }

    /// Each month's expected purchases discounted to today: (E[Y(tₘ)] − E[Y(tₘ₋₁)]) / (1 + d)^m.
    public func discountedPurchases(_ purchases: BGNBDModel, history h: PurchaseHistory) -> [Double]? {
        let tx = Double(h.txDays) / 7, T = Double(h.tDays) / 7
        var result: [Double] = []
        let complete = forEachDiscountedMonth(ifAlive: monthlyPurchasesIfAlive(purchases, x: h.x, T: T),
                                              probabilityAlive: purchases.probabilityAlive(x: h.x, tx: tx, T: T),
                                              discounts: monthlyDiscounts) {
            result.append($0)
        }
        return complete ? result : nil
    }

    /// `BGNBDModel.purchasesIfAlive` at the end of each month (NaN where it is nil): shared by
    /// every customer with the same x and T.
    func monthlyPurchasesIfAlive(_ purchases: BGNBDModel, x: Int, T: Double) -> [Double] {
        purchases.purchasesIfAlive(inNext: monthEnds, x: x, T: T)
    }

    /// The end of each month in weeks: m × 365.25 / 12 / 7 for m = 1…`months`.
    var monthEnds: [Double] { (1...months).map { m in Double(m) * Self.weeksPerMonth } }

    /// Σ of `discountedPurchases`, month by month in order, from the months' `monthlyPurchasesIfAlive`;
    /// nil when a month has no value.
    func discountedPurchaseTotal(ifAlive: some Sequence<Double>, probabilityAlive: Double) -> Double? {
        discountedPurchaseTotal(ifAlive: ifAlive, probabilityAlive: probabilityAlive, discounts: monthlyDiscounts)
    }

    /// `discountedPurchaseTotal(ifAlive:probabilityAlive:)` with `monthlyDiscounts` worked out
    /// once by the caller (a table of forecasts asks for them once, not once per customer).
    func discountedPurchaseTotal(ifAlive: some Sequence<Double>, probabilityAlive: Double, discounts: [Double]) -> Double? {
        var total = 0.0
        let complete = forEachDiscountedMonth(ifAlive: ifAlive, probabilityAlive: probabilityAlive, discounts: discounts) {
            total += $0
        }
        return complete ? total : nil
    }

    /// d = (1 + annual rate)^(1/12) − 1.
    var monthlyDiscountRate: Double { pow(1 + annualDiscountRate, 1.0 / 12) - 1 }

    /// Each month's discount 1 / (1 + d)^m, m = 1…`months`, worked out as 1 divided by 1 + d
    /// once a month (the same operations for every customer, so computed once).
    var monthlyDiscounts: [Double] {
        let monthly = monthlyDiscountRate
        var discount = 1.0
        return (0..<months).map { _ in
            discount /= 1 + monthly
            return discount
        }
    }

    /// Calls `body` with each month's discounted expected purchases; false (after the months
    /// before it) at the first month without a value. `discounts` has one value per month.
    private func forEachDiscountedMonth(ifAlive: some Sequence<Double>, probabilityAlive: Double, discounts: [Double],
                                        _ body: (Double) -> Void) -> Bool {
        var previous = 0.0
        for (value, discount) in zip(ifAlive, discounts) {
            guard let cumulative = BGNBDModel.expectedPurchases(ifAlive: value, probabilityAlive: probabilityAlive)
            else { return false }
            body((cumulative - previous) * discount)
            previous = cumulative
        }
        return true
    }
}
