import Model

/// One order customer's predictions on the as-of day.
public struct CustomerPurchaseForecast: Sendable, Hashable {
    public let customer: CustomerIndex
    public let history: PurchaseHistory
    /// P(alive) under BG/NBD.
    public let probabilityAlive: Double
    public let expectedPurchases13Weeks: Double?
    public let expectedPurchases52Weeks: Double?
    /// Gamma-Gamma expected value of a purchase; nil without a Gamma-Gamma fit.
    public let expectedOrderValue: Double?
    /// 12-month discounted CLV × gross margin; nil without a Gamma-Gamma fit.
    public let clv12Months: Double?
}

/// BG/NBD + Gamma-Gamma for an order business: fitted on every customer with a paid order on or
/// before as-of, forecasts for each of them.
public struct PurchasePrediction: Sendable {
    public let purchases: BGNBDModel
    public let logLikelihood: Double
    public let iterations: Int
    /// nil with the reason in `spendProblem` when Gamma-Gamma could not be fitted.
    public let spend: GammaGammaModel?
    public let spendCustomers: Int
    public let spendProblem: String?
    public let lifetimeValue: CustomerLifetimeValue
    /// In customer order.
    public let forecasts: [CustomerPurchaseForecast]

    public static func fit(_ histories: [(CustomerIndex, PurchaseHistory)],
                           lifetimeValue: CustomerLifetimeValue) throws(ModelFitError) -> PurchasePrediction {
        let fit = try BGNBDModel.fit(histories.map(\.1))
        let model = fit.model
        var spend: GammaGammaModel?, spendCustomers = 0, spendProblem: String?
        do {
            let g = try GammaGammaModel.fit(histories.map(\.1))
            spend = g.model
            spendCustomers = g.customers
        } catch {
            spendProblem = error.description
        }
        // Forecasts depend on (x, tₓ, T) only (and mₓ for value): computed once per triple.
        var cache: [PurchaseTriples.Triple: (Double, Double?, Double?, [Double]?)] = [:]
        var forecasts: [CustomerPurchaseForecast] = []
        forecasts.reserveCapacity(histories.count)
        for (customer, h) in histories {
            let key = PurchaseTriples.Triple(x: Int32(h.x), txDays: Int32(h.txDays), tDays: Int32(h.tDays))
            let tx = Double(h.txDays) / 7, T = Double(h.tDays) / 7
            let cached = cache[key] ?? {
                let value = (model.probabilityAlive(x: h.x, tx: tx, T: T),
                             model.expectedPurchases(inNext: 13, x: h.x, tx: tx, T: T),
                             model.expectedPurchases(inNext: 52, x: h.x, tx: tx, T: T),
                             spend == nil ? nil : lifetimeValue.discountedPurchases(model, history: h))
                cache[key] = value
                return value
            }()
            let orderValue = spend?.expectedValue(x: h.x, meanValue: h.meanRepeatValue ?? 0)
            let clv = orderValue.flatMap { v in cached.3.map { lifetimeValue.grossMargin * v * $0.reduce(0, +) } }
            forecasts.append(CustomerPurchaseForecast(customer: customer, history: h, probabilityAlive: cached.0,
                                                      expectedPurchases13Weeks: cached.1, expectedPurchases52Weeks: cached.2,
                                                      expectedOrderValue: orderValue, clv12Months: clv))
        }
        return PurchasePrediction(purchases: model, logLikelihood: fit.logLikelihood, iterations: fit.iterations,
                                  spend: spend, spendCustomers: spendCustomers, spendProblem: spendProblem,
                                  lifetimeValue: lifetimeValue, forecasts: forecasts)
    }
}
