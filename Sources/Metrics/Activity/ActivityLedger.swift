import Model

/// Who is a paying customer when: the shared foundation of cohorts, churn, MRR and survival.
///
/// Definition (per revenue model; every record dated after `asOf` is ignored, a CRM
/// cancellation date after `asOf` included — it is not known yet):
/// - Subscriptions: active on a day if any non-trial subscription with MRR > 0 is active on it.
/// - Orders: a positive order on day d keeps the customer active on [d, d + inactivityDays)
///   (or the customer's own `activeDaysAfterPayment`, from their billing cadence);
///   the customer churns on lastOrder + inactivityDays when that is ≤ as-of. An order after a
///   longer gap is a reactivation.
/// - In both, a CRM cancellation date d ≤ as-of is authoritative: it cuts the span it falls in
///   (paid days after d in that span start a new span: a reactivation), or extends the last span
///   to d when activity ended earlier. A d before the first paid day or between two spans adds
///   nothing. The churn on day d carries the CRM's churn reason and type (`cancellationChurn`).
/// - Customers file alone (no revenue file at all): every customer is active from signup to the
///   cancellation date (open when there is none or it is after as-of).
/// - With a revenue file, a customer who signed up by as-of and has no paid activity by as-of
///   (no records, trials only, refunds only) is a sign-up who never paid: not a customer,
///   `activity[i]` is nil, counted in `neverPaid`.
/// Amounts and MRR enter as whole minor units of the currency (`MinorUnit`).
public struct ActivityLedger: Sendable {
    public static let definition = """
        A customer is active on a day if a paid (non-trial, MRR > 0) subscription is active on it; \
        in an order business, from each positive order until inactivityDays after the last one \
        (or, when the billing cadence is known, until the paid month, quarter or year ends plus a grace period). \
        The CRM cancellation date, when given and not after the as-of date, is the churn day in \
        both: it ends the activity it falls in (a later payment is a reactivation) or extends the \
        last activity to it. Churn day = first day no longer active; paying again later is a \
        reactivation, and the customer keeps their original cohort. Sign-ups who never paid by the \
        as-of date are not customers and are counted apart ("signed up, never paid"). With the \
        customer file alone, every customer is active from signup to the cancellation date. \
        Data after the as-of date, cancellation dates included, is ignored.
        """

    public let model: RevenueModel
    public let configuration: MetricsConfiguration
    public let customers: [Customer]
    /// Indexed by `CustomerIndex`; nil for customers who never paid (as of `asOf`).
    public let activity: [CustomerActivity?]
    /// Subscription model only: each customer's MRR step function (empty otherwise).
    public let mrr: [[MRRStep]]
    /// Order model only: each customer's orders, summarised (empty otherwise). Its readers are the
    /// monthly revenue at as-of, the cohorts and the order metrics' sums (`OrderRowSummary`);
    /// `RetentionAnalysis` then releases it (`releaseOrders()`), so the churn stage and the later
    /// ones run without its rows.
    public private(set) var orders: CustomerOrderTable
    /// Sign-ups who never paid: signed up on or before as-of, no paid activity by as-of (revenue
    /// file given). Customers who sign up after as-of are not counted anywhere.
    public let neverPaid: Int
    /// Revenue records left out: after as-of, or naming no known customer.
    public let ignoredAfterAsOf: Int
    public let ignoredUnknownCustomer: Int
    /// The codes of the configured segment attributes (`configuration.segmentAttributes`),
    /// built once for every per-segment metric.
    let segments: [String: SegmentCodes]

    /// The configured calendar's period index of every day of the 40 years up to as-of, for
    /// metrics that look up the period of many days (`PeriodIndexTable`).
    public let periodIndexes: PeriodIndexTable

    public var asOf: Day { configuration.asOf }

    /// Lets go of the per-customer order rows (`orders` becomes empty): for the one who holds
    /// the ledger after the last reader of `orders`, so that memory is free for later stages.
    public mutating func releaseOrders() {
        orders = CustomerOrderTable()
    }

    /// Builds the ledger from a whole dataset; orders go through `OrderActivityAccumulator`,
    /// the same path a streamed order file uses. The dataset's currency sets the minor unit.
    public init(dataset: Dataset, configuration: MetricsConfiguration) {
        var configuration = configuration
        configuration.minorUnitDigits = MinorUnit.digits(of: dataset.currency)
        switch RevenueModel(dataset: dataset) {
        case .subscriptions:
            self.init(subscriptionsOf: dataset, configuration: configuration)
        case .orders:
            self.init(ordersOf: dataset, configuration: configuration, parts: FixedPartition.parts)
        case .customerRecords:
            let asOf = configuration.asOf
            var activity: [CustomerActivity?] = []
            activity.reserveCapacity(dataset.customers.count)
            for (i, c) in dataset.customers.enumerated() {
                guard c.signup <= asOf else {
                    activity.append(nil)
                    continue
                }
                let cancel = c.churnDate.flatMap { $0 <= asOf ? max($0, c.signup) : nil }
                activity.append(CustomerActivity(customer: i, spans: [ActiveSpan(start: c.signup, end: cancel)],
                                                 cancellationChurn: cancel))
            }
            self.init(model: .customerRecords, configuration: configuration, customers: dataset.customers,
                      activity: activity, mrr: [], orders: CustomerOrderTable(), neverPaid: 0,
                      ignoredAfterAsOf: 0, ignoredUnknownCustomer: 0)
        }
    }

    /// Builds the ledger of an order business from an accumulator that has consumed the orders
    /// (streamed or not). The accumulator must use the same as-of and calendar.
    public init(customers: [Customer], orders accumulator: OrderActivityAccumulator,
                configuration: MetricsConfiguration) {
        let histories = accumulator.finish()
        let folder = OrderActivityFolder(customers: customers, configuration: configuration)
        var segment = CustomerOrderTable.Segment(customers: histories.count,
                                                 rows: histories.reduce(0) { $0 + $1.periods.count })
        var activity: [CustomerActivity?] = []
        activity.reserveCapacity(customers.count)
        var neverPaid = 0
        for history in histories { segment.append(history) }
        for i in customers.indices {
            let paidDays = i < histories.count ? histories[i].paidDays[...] : []
            activity.append(folder.activity(of: i, paidDays: paidDays, neverPaid: &neverPaid))
        }
        self.init(model: .orders, configuration: configuration, customers: customers, activity: activity,
                  mrr: [], orders: CustomerOrderTable(segments: [segment]), neverPaid: neverPaid,
                  ignoredAfterAsOf: accumulator.ignoredAfterAsOf, ignoredUnknownCustomer: accumulator.ignoredUnknownCustomer)
    }

    /// The order ledger of a whole dataset on `parts` threads. Customers are independent: the
    /// customer indices are cut into `parts` contiguous ranges of about the same work (orders,
    /// plus a fixed cost per customer: `workBefore`), each range folds its customers'
    /// orders customer by customer (file order within a customer, as `Dataset.orders` holds
    /// them, recorded as `OrderActivityAccumulator` records them), writes each customer's activity
    /// from the folded paid days at once into its place in the ledger's array (the paid days are
    /// not kept), and keeps the rest as one segment of the order table; the segments are joined in
    /// customer order. Every per-customer sum adds the same amounts in the same order as one pass
    /// over the file, so the ledger is the same, bit for bit, for any number of parts and any
    /// cuts, and the same as the streamed accumulator's.
    init(ordersOf dataset: Dataset, configuration: MetricsConfiguration, parts: Int) {
        let customers = dataset.customers, orders = dataset.orders
        let n = customers.count
        let recorder = OrderRecorder(asOf: configuration.asOf, calendar: configuration.calendar,
                                     minorUnitDigits: configuration.minorUnitDigits)
        let folder = OrderActivityFolder(customers: customers, configuration: configuration)
        let ranges = BalancedPartition.ranges(n, parts: parts) { Self.workBefore($0, orders: orders) }
        var counts: [(afterAsOf: Int, neverPaid: Int)] = []
        var segments: [CustomerOrderTable.Segment] = []
        // Each range initializes its own customers' slots: no per-range arrays to join (and to
        // hold twice while joining).
        let activity = [CustomerActivity?](unsafeUninitializedCapacity: n) { slots, initialized in
            nonisolated(unsafe) let slots = slots
            let folded = BalancedPartition.map(ranges) { range in
                // At most one period row per order of the range.
                var segment = CustomerOrderTable.Segment(customers: range.count, rows: orders.count(of: range))
                // One customer's orders at a time, folded into a reused record.
                var scratch = CustomerOrders()
                var afterAsOf = 0, neverPaid = 0
                for c in range {
                    scratch.removeAll()
                    orders.forEachNotingCents(of: c) { order, wholeCents in
                        if !recorder.record(order, wholeCents: wholeCents, into: &scratch) { afterAsOf += 1 }
                    }
                    segment.append(scratch)
                    (slots.baseAddress! + c).initialize(to: folder.activity(of: c, paidDays: scratch.paidDays[...],
                                                                           neverPaid: &neverPaid))
                }
                return (segment: segment, afterAsOf: afterAsOf, neverPaid: neverPaid)
            }
            initialized = n
            segments = folded.map(\.segment)
            counts = folded.map { ($0.afterAsOf, $0.neverPaid) }
        }
        // Orders naming no known customer (outside 0 ..< n) are read by no range: counted here.
        self.init(model: .orders, configuration: configuration, customers: customers, activity: activity,
                  mrr: [], orders: CustomerOrderTable(segments: segments),
                  neverPaid: counts.reduce(0) { $0 + $1.neverPaid },
                  ignoredAfterAsOf: counts.reduce(0) { $0 + $1.afterAsOf },
                  ignoredUnknownCustomer: orders.count - orders.count(of: 0..<n))
    }

    /// The work of folding customers `0..<k` for the cuts of the parallel order ledger: their
    /// orders, and 4 per customer (building the activity, appending the totals).
    static func workBefore(_ k: Int, orders: CustomerOrderBook) -> Int {
        orders.count(of: 0..<k) + 4 * k
    }

    /// How one customer's ascending distinct paid days become their activity in an order
    /// business: spans from the inactivity gap (the customer's own, from their billing cadence,
    /// or the default), cut by the CRM cancellation date.
    struct OrderActivityFolder: Sendable {
        let customers: [Customer]
        let asOf: Day
        let defaultGap: Int
        let gaps: [Int]

        init(customers: [Customer], configuration: MetricsConfiguration) {
            self.customers = customers
            asOf = configuration.asOf
            defaultGap = max(0, configuration.inactivityDays)
            gaps = configuration.activeDaysAfterPayment ?? []
        }

        /// Customer `i`'s activity, nil (and counted in `neverPaid` when they signed up by as-of)
        /// when they have no paid day.
        func activity(of i: Int, paidDays: ArraySlice<Day>, neverPaid: inout Int) -> CustomerActivity? {
            guard !paidDays.isEmpty else {
                if customers[i].signup <= asOf { neverPaid += 1 }
                return nil
            }
            let gap = i < gaps.count ? max(0, gaps[i]) : defaultGap
            let cancel = customers[i].churnDate.flatMap { $0 <= asOf ? $0 : nil }
            var spans = ActivityLedger.orderSpans(paidDays, gap: gap, asOf: asOf)
            if let d = cancel {
                spans = ActivityLedger.applyCancellation(d, to: spans) { span in
                    // Paid days after d inside the span it cuts: a reactivation.
                    let later = paidDays.filter { $0 > d && span.contains($0) }
                    return ActivityLedger.orderSpans(later[...], gap: gap, asOf: asOf)
                }
            }
            return CustomerActivity(customer: i, spans: spans, cancellationChurn: ActivityLedger.churn(on: cancel, spans))
        }
    }

    /// Spans of ascending distinct paid days: each day keeps the customer active for `gap` days.
    static func orderSpans(_ days: ArraySlice<Day>, gap: Int, asOf: Day) -> [ActiveSpan] {
        guard var start = days.first else { return [] }
        var spans: [ActiveSpan] = []
        var last = start
        for day in days.dropFirst() {
            if day > last.adding(days: gap) {
                spans.append(ActiveSpan(start: start, end: last.adding(days: gap)))
                start = day
            }
            last = day
        }
        let churn = last.adding(days: gap)
        spans.append(ActiveSpan(start: start, end: churn <= asOf ? churn : nil))
        return spans
    }

    private init(subscriptionsOf dataset: Dataset, configuration: MetricsConfiguration) {
        let asOf = configuration.asOf
        let digits = configuration.minorUnitDigits
        let n = dataset.customers.count
        var paid = Array(repeating: [Subscription](), count: n)
        var afterAsOf = 0, unknown = 0
        for var s in dataset.subscriptions {
            guard s.customer >= 0, s.customer < n else {
                unknown += 1
                continue
            }
            guard s.start <= asOf else {
                afterAsOf += 1
                continue
            }
            s.mrr = MinorUnit.rounded(s.mrr, digits: digits)
            if !s.isTrial, s.mrr > 0, s.end.map({ $0 > s.start }) ?? true {
                paid[s.customer].append(s)
            }
        }
        var activity: [CustomerActivity?] = []
        var mrr: [[MRRStep]] = []
        var neverPaid = 0
        activity.reserveCapacity(n)
        mrr.reserveCapacity(n)
        for (i, c) in dataset.customers.enumerated() {
            guard !paid[i].isEmpty else {
                activity.append(nil)
                mrr.append([])
                if c.signup <= asOf { neverPaid += 1 }
                continue
            }
            var spans = ActiveSpan.merged(paid[i].map {
                ActiveSpan(start: $0.start, end: $0.end.flatMap { $0 <= asOf ? $0 : nil })
            })
            let cancel = c.churnDate.flatMap { $0 <= asOf ? $0 : nil }
            if let d = cancel {
                spans = Self.applyCancellation(d, to: spans) { _ in [] }
            }
            activity.append(CustomerActivity(customer: i, spans: spans, cancellationChurn: Self.churn(on: cancel, spans)))
            mrr.append(MRRSchedule.steps(subscriptions: paid[i], spans: spans, asOf: asOf))
        }
        self.init(model: .subscriptions, configuration: configuration, customers: dataset.customers,
                  activity: activity, mrr: mrr, orders: CustomerOrderTable(), neverPaid: neverPaid, ignoredAfterAsOf: afterAsOf,
                  ignoredUnknownCustomer: unknown)
    }

    private init(model: RevenueModel, configuration: MetricsConfiguration, customers: [Customer],
                 activity: [CustomerActivity?], mrr: [[MRRStep]], orders: CustomerOrderTable, neverPaid: Int,
                 ignoredAfterAsOf: Int, ignoredUnknownCustomer: Int) {
        self.model = model
        self.configuration = configuration
        periodIndexes = PeriodIndexTable(calendar: configuration.calendar, through: configuration.asOf)
        self.customers = customers
        self.activity = activity
        self.mrr = mrr
        self.orders = orders
        self.neverPaid = neverPaid
        self.ignoredAfterAsOf = ignoredAfterAsOf
        self.ignoredUnknownCustomer = ignoredUnknownCustomer
        // One attribute per core at a time; each attribute is coded on its own.
        let attributes = configuration.segmentAttributes.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let codes = attributes.parallelMap { SegmentCodes(customers: customers, activity: activity, attribute: $0) }
        self.segments = Dictionary(uniqueKeysWithValues: zip(attributes, codes))
    }

    /// The values of `attribute` among the customers who ever paid and each customer's code
    /// (built once for the configured segment attributes, else now).
    func segmentCodes(_ attribute: String) -> SegmentCodes {
        segments[attribute] ?? SegmentCodes(customers: customers, activity: activity, attribute: attribute)
    }

    /// The CRM cancellation day `d` cuts the span containing it (what `resumed` returns for that
    /// span — paid activity after d — follows as new spans), or extends the last span when it
    /// falls after the last span ended. A day before the first span or between two spans adds
    /// nothing (the records already say when the customer stopped).
    static func applyCancellation(_ d: Day, to spans: [ActiveSpan],
                                  resumed: (ActiveSpan) -> [ActiveSpan]) -> [ActiveSpan] {
        var spans = spans
        if let i = spans.firstIndex(where: { $0.contains(d) }) {
            let later = resumed(spans[i])
            // A cancellation on the first paid day leaves a zero-length span: a churn on day 0.
            spans[i].end = d
            spans.insert(contentsOf: later, at: i + 1)
        } else if let last = spans.last, let end = last.end, end < d {
            spans[spans.count - 1].end = d
        }
        return spans
    }

    /// `d` when some span ends on it (the churn the CRM cancellation describes), else nil.
    static func churn(on d: Day?, _ spans: [ActiveSpan]) -> Day? {
        guard let d, spans.contains(where: { $0.end == d }) else { return nil }
        return d
    }

    /// The day a customer enters their cohort: signup, or first paid day.
    public func cohortDay(of customer: CustomerIndex) -> Day? {
        guard let a = activity[customer], let first = a.firstActive else { return nil }
        switch configuration.cohortBasis {
        case .signup: return customers[customer].signup
        case .firstPayment: return first
        }
    }

    /// Customer's MRR on a day (subscription model; 0 otherwise).
    public func mrr(of customer: CustomerIndex, on day: Day) -> Double {
        customer < mrr.count ? mrr[customer].mrr(on: day) : 0
    }
}
