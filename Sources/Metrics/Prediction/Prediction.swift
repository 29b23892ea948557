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
        // The purchase models run in the background while the churn model is fitted here: the two
        // read the same evidence and share nothing else, so each gives what it gives alone.
        let asOf = ledger.asOf
        let lifetimeValue = CustomerLifetimeValue(annualDiscountRate: configuration.annualDiscountRate,
                                                  grossMargin: ledger.configuration.grossMargin)
        let purchaseFit = ledger.model != .orders ? nil : BackgroundResult { () -> Result<PurchasePrediction, ModelFitError> in
            let histories = PurchaseHistory.all(evidence, asOf: asOf)
            do throws(ModelFitError) {
                return .success(try PurchasePrediction.fit(customers: histories.customers, histories: histories.histories,
                                                           lifetimeValue: lifetimeValue))
            } catch {
                return .failure(error)
            }
        }
        var churn: ChurnModel?, churnProblem: String?
        do {
            churn = try ChurnModel.fit(evidence: evidence, ledger: ledger, health: health, activeNow: activeNow,
                                       monthlyRevenue: monthlyRevenue)
        } catch {
            churnProblem = error.description
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

/// Every customer's prediction columns in customer order, compactly: five Doubles and one byte
/// saying which of them a model gave (bit i for `CustomerPredictionColumns.names[i]`, bit 7 for
/// "some model scored the customer"), about 41 bytes a customer where a dictionary of
/// `CustomerPredictionColumns` takes some 180 (five optionals, the key and the free buckets).
public struct CustomerPredictionTable: Sendable {
    public let count: Int
    private var values: [Double]
    private var present: [UInt8]

    init(count: Int) {
        self.count = count
        values = [Double](repeating: 0, count: count * CustomerPredictionColumns.names.count)
        present = [UInt8](repeating: 0, count: count)
    }

    /// The columns of `customer`; nil when no model scored them (or the index is out of range).
    public subscript(customer: CustomerIndex) -> CustomerPredictionColumns? {
        guard customer >= 0, customer < count, present[customer] & 0x80 != 0 else { return nil }
        let base = customer * CustomerPredictionColumns.names.count, bits = present[customer]
        func value(_ i: Int) -> Double? { bits & (1 << i) != 0 ? values[base + i] : nil }
        return CustomerPredictionColumns(probabilityAlive: value(0), expectedPurchases13Weeks: value(1),
                                         expectedPurchases52Weeks: value(2), clv12Months: value(3),
                                         churnProbability90Days: value(4))
    }

    /// Marks `customer` scored and sets the given columns (nil leaves a column as it was).
    mutating func set(_ customer: CustomerIndex, _ columns: [Double?]) {
        guard customer >= 0, customer < count else { return }
        present[customer] |= 0x80
        let base = customer * CustomerPredictionColumns.names.count
        for (i, value) in columns.enumerated() {
            guard let value else { continue }
            values[base + i] = value
            present[customer] |= 1 << i
        }
    }
}

extension Prediction {
    /// `customerColumns()` for customers `0..<customerCount` as a compact table (customers
    /// outside that range are left out).
    public func customerColumns(customerCount: Int) -> CustomerPredictionTable {
        var table = CustomerPredictionTable(count: customerCount)
        for f in purchases?.forecasts ?? PurchaseForecasts() {
            table.set(f.customer, [f.probabilityAlive, f.expectedPurchases13Weeks, f.expectedPurchases52Weeks, f.clv12Months])
        }
        for r in churn?.risks ?? [] {
            table.set(r.customer, [nil, nil, nil, nil, r.probability])
        }
        return table
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
