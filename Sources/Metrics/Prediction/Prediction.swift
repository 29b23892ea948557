import Model

/// Settings of the predictive models.
public struct PredictionConfiguration: Sendable, Hashable {
    /// Annual rate CLV is discounted at (0.10 = 10 %), applied monthly.
    public var annualDiscountRate: Double

    public init(annualDiscountRate: Double = 0.10) {
        self.annualDiscountRate = annualDiscountRate
    }
}

/// Every prediction of one report: BG/NBD, Gamma-Gamma and CLV for an order business, and the
/// churn model with its out-of-time backtest for any business with a paid-activity history.
/// A model that cannot be fitted is nil and its problem says why.
public struct Prediction: Sendable {
    public let revenueModel: RevenueModel
    public let purchases: PurchasePrediction?
    public let purchasesProblem: String?
    public let churn: ChurnModel?
    public let churnProblem: String?

    static func compute(evidence: HealthEvidence, ledger: ActivityLedger, health: HealthConfiguration,
                        configuration: PredictionConfiguration, activeNow: Set<CustomerIndex>,
                        monthlyRevenue: (CustomerIndex) -> Double) -> Prediction {
        var purchases: PurchasePrediction?, purchasesProblem: String?
        if ledger.model == .orders {
            let histories = PurchaseHistory.all(evidence, asOf: ledger.asOf)
            do {
                purchases = try PurchasePrediction.fit(histories, lifetimeValue: CustomerLifetimeValue(
                    annualDiscountRate: configuration.annualDiscountRate, grossMargin: ledger.configuration.grossMargin))
            } catch {
                purchasesProblem = error.description
            }
        }
        var churn: ChurnModel?, churnProblem: String?
        do {
            churn = try ChurnModel.fit(evidence: evidence, ledger: ledger, health: health, activeNow: activeNow,
                                       monthlyRevenue: monthlyRevenue)
        } catch {
            churnProblem = error.description
        }
        return Prediction(revenueModel: ledger.model, purchases: purchases, purchasesProblem: purchasesProblem,
                          churn: churn, churnProblem: churnProblem)
    }
}

/// One customer's predictions, for the per-customer CSV: nil where a model does not apply.
public struct CustomerPredictionColumns: Sendable, Hashable {
    /// Column names in CSV order, next to `customer_id` and the health columns.
    public static let names = ["p_alive", "expected_purchases_13w", "expected_purchases_52w", "clv_12m", "churn_probability_90d"]

    public var probabilityAlive: Double?
    public var expectedPurchases13Weeks: Double?
    public var expectedPurchases52Weeks: Double?
    public var clv12Months: Double?
    public var churnProbability90Days: Double?

    /// The values in `names` order.
    public var values: [Double?] {
        [probabilityAlive, expectedPurchases13Weeks, expectedPurchases52Weeks, clv12Months, churnProbability90Days]
    }
}

extension Prediction {
    /// Every customer some model scored, with that model's values.
    public func customerColumns() -> [CustomerIndex: CustomerPredictionColumns] {
        var columns: [CustomerIndex: CustomerPredictionColumns] = [:]
        for f in purchases?.forecasts ?? [] {
            columns[f.customer] = CustomerPredictionColumns(
                probabilityAlive: f.probabilityAlive, expectedPurchases13Weeks: f.expectedPurchases13Weeks,
                expectedPurchases52Weeks: f.expectedPurchases52Weeks, clv12Months: f.clv12Months)
        }
        for r in churn?.risks ?? [] {
            columns[r.customer, default: CustomerPredictionColumns()].churnProbability90Days = r.probability
        }
        return columns
    }
}
