import BackgroundWork
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

    /// The evidence is taken (`consuming`) and its order book let go as soon as its last reader
    /// is done: the purchase histories (built first, on the purchase models' thread) and the
    /// churn model's training rows and order digest (`ChurnModel.scored`, before its fits). The
    /// fits, the churn scoring (from the digest and the evidence without the book), the risks'
    /// revenue and order, the backtest's measures and the forecasts run without the book; the
    /// results are the same as with it kept to the end.
    static func compute(evidence: consuming HealthEvidence, ledger: ActivityLedger, health: HealthConfiguration,
                        configuration: PredictionConfiguration, activeNow: Set<CustomerIndex>,
                        monthlyRevenue: (CustomerIndex) -> Double) -> Prediction {
        // The purchase models run in the background while the churn model is fitted here: the two
        // read the same evidence and share nothing else, so each gives what it gives alone.
        let asOf = ledger.asOf
        let lifetimeValue = CustomerLifetimeValue(annualDiscountRate: configuration.annualDiscountRate,
                                                  grossMargin: ledger.configuration.grossMargin)
        let hasPurchases = ledger.model == .orders
        let shared = EvidenceReaders(consume evidence, readers: hasPurchases ? 2 : 1)
        let purchaseFit = !hasPurchases ? nil : BackgroundResult { () -> Result<PurchasePrediction, ModelFitError> in
            let histories = PurchaseHistory.all(shared.evidence!, asOf: asOf)
            shared.done()
            // The fit waits for the churn model's last read of the book (its order digest), so
            // that the two do not hold memory together.
            shared.waitUntilReleased()
            do throws(ModelFitError) {
                return .success(try PurchasePrediction.fit(customers: histories.customers, histories: histories.histories,
                                                           lifetimeValue: lifetimeValue))
            } catch {
                return .failure(error)
            }
        }
        var churn: ChurnModel?, churnProblem: String?
        // The churn model reads the book before its fits (`ChurnModel.scored`'s `ordersRead`)
        // and is done with it then; a model that cannot be fitted is done with it at the end.
        var ordersRead = false
        let scored: Result<ChurnModel.Scored, ModelFitError> = Result { () throws(ModelFitError) in
            try ChurnModel.scored(evidence: shared.evidence!, ledger: ledger, health: health, activeNow: activeNow) {
                ordersRead = true
                shared.done()
            }
        }
        if !ordersRead { shared.done() }
        switch consume scored {
        case .success(let scored): churn = ChurnModel(scored, monthlyRevenue: monthlyRevenue)
        case .failure(let error): churnProblem = error.description
        }
        var purchases: PurchasePrediction?, purchasesProblem: String?
        switch purchaseFit?.wait() {
        case .success(let fitted)?: purchases = fitted
        case .failure(let error)?: purchasesProblem = error.description
        case nil: break
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

/// Every customer's prediction columns in customer order, read from the models' own results:
/// per customer only where its forecast is (a 32-bit position) and its churn probability (a
/// flag and the value: the risks are in the at-risk order, so reading them by position in
/// customer order missed the cache at nearly every customer), 13 bytes a customer where a copy
/// of the five figures takes some 41. The columns are put together when read from the same
/// values the models give (`PurchaseForecasts` computes a forecast's figures when it is read,
/// the same way each time).
public struct CustomerPredictionTable: Sendable {
    public let count: Int
    private let forecasts: PurchaseForecasts
    /// Per customer: 1 + the position of its forecast in `forecasts` (0: none).
    private var forecastSlot: [Int32]
    /// Per customer: whether the churn model scored it, and the probability it gave (0 if not).
    private var hasRisk: [Bool]
    private var churnProbability: [Double]

    /// The table of customers `0..<count` (forecasts and risks of other customers are left out).
    init(count: Int, forecasts: PurchaseForecasts, risks: [ChurnRisk]) {
        self.count = count
        self.forecasts = forecasts
        forecastSlot = [Int32](repeating: 0, count: count)
        hasRisk = [Bool](repeating: false, count: count)
        churnProbability = [Double](repeating: 0, count: count)
        for i in forecasts.indices {
            let c = forecasts.customer(at: i)
            if c >= 0 && c < count { forecastSlot[c] = Int32(i + 1) }
        }
        for r in risks where r.customer >= 0 && r.customer < count {
            hasRisk[r.customer] = true
            churnProbability[r.customer] = r.probability
        }
    }

    /// The columns of `customer`; nil when no model scored them (or the index is out of range).
    public subscript(customer: CustomerIndex) -> CustomerPredictionColumns? {
        guard customer >= 0, customer < count, forecastSlot[customer] != 0 || hasRisk[customer] else { return nil }
        var columns = CustomerPredictionColumns()
        if forecastSlot[customer] != 0 {
            let f = forecasts[Int(forecastSlot[customer]) - 1]
            columns.probabilityAlive = f.probabilityAlive
            columns.expectedPurchases13Weeks = f.expectedPurchases13Weeks
            columns.expectedPurchases52Weeks = f.expectedPurchases52Weeks
            columns.clv12Months = f.clv12Months
        }
        if hasRisk[customer] { columns.churnProbability90Days = churnProbability[customer] }
        return columns
    }
}

extension Prediction {
    /// `customerColumns()` for customers `0..<customerCount` as a compact table (customers
    /// outside that range are left out).
    public func customerColumns(customerCount: Int) -> CustomerPredictionTable {
        CustomerPredictionTable(count: customerCount, forecasts: purchases?.forecasts ?? PurchaseForecasts(), risks: churn?.risks ?? [])
    }

    /// Every customer some model scored, with that model's values.
    public func customerColumns() -> [CustomerIndex: CustomerPredictionColumns] {
        var columns: [CustomerIndex: CustomerPredictionColumns] = [:]
        for f in purchases?.forecasts ?? PurchaseForecasts() {
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
