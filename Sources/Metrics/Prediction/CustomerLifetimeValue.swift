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
        let monthly = pow(1 + annualDiscountRate, 1.0 / 12) - 1
        var result: [Double] = []
        var previous = 0.0, discount = 1.0
        for m in 1...months {
            guard let cumulative = purchases.expectedPurchases(inNext: Double(m) * Self.weeksPerMonth, x: h.x, tx: tx, T: T)
            else { return nil }
            discount /= 1 + monthly
            result.append((cumulative - previous) * discount)
            previous = cumulative
        }
        return result
    }
}
