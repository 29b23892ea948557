import Model

/// Who is a paying customer when: the shared foundation of cohorts, churn, MRR and survival.
///
/// Definition (per revenue model, data after `asOf` ignored):
/// - Subscriptions: active on a day if any non-trial subscription with MRR > 0 is active on it.
///   A CRM cancellation date (`Customer.churnDate` ≤ as-of) is authoritative: it cuts the span
///   it falls in, or extends the last span to it when the last subscription ended earlier. The
///   churn day is the first day no longer active. A later paid subscription is a reactivation.
/// - Orders: a positive order on day d keeps the customer active on [d, d + inactivityDays);
///   the customer churns on lastOrder + inactivityDays when that is ≤ as-of. An order after a
///   longer gap is a reactivation.
/// - Customers with no revenue records at all but a cancellation date are active on
///   [signup, churnDate); with the customer file alone every customer is active from signup.
/// - Customers with revenue records but no paid activity (trials only, refunds only) and
///   customers with neither revenue records nor a cancellation date are not customers yet:
///   `activity[i]` is nil and they are counted in `neverPaid`.
public struct ActivityLedger: Sendable {
    public static let definition = """
        A customer is active on a day if a paid (non-trial, MRR > 0) subscription is active on it; \
        in an order business, from each positive order until inactivityDays after the last one. \
        The CRM cancellation date, when given, is the churn day. Churn day = first day no longer \
        active; paying again later is a reactivation, and the customer keeps their original cohort. \
        Customers without revenue records use signup to cancellation date. Data after the as-of \
        date is ignored.
        """

    public let model: RevenueModel
    public let configuration: MetricsConfiguration
    public let customers: [Customer]
    /// Indexed by `CustomerIndex`; nil for customers who never paid (as of `asOf`).
    public let activity: [CustomerActivity?]
    /// Subscription model only: each customer's MRR step function (empty otherwise).
    public let mrr: [[MRRStep]]
    /// Order model only: each customer's orders, summarised (empty otherwise).
    public let orders: [CustomerOrders]
    /// Customers left out because they never paid by as-of.
    public let neverPaid: Int
    /// Revenue records left out: after as-of, or naming no known customer.
    public let ignoredAfterAsOf: Int
    public let ignoredUnknownCustomer: Int

    public var asOf: Day { configuration.asOf }

    /// Builds the ledger from a whole dataset; orders go through `OrderActivityAccumulator`,
    /// the same path a streamed order file uses.
    public init(dataset: Dataset, configuration: MetricsConfiguration) {
        switch RevenueModel(dataset: dataset) {
        case .subscriptions:
            self.init(subscriptionsOf: dataset, configuration: configuration)
        case .orders:
            let n = dataset.customers.count
            var acc = OrderActivityAccumulator(customerCount: n, asOf: configuration.asOf, calendar: configuration.calendar)
            // Customer by customer (each customer's orders in file order): the same sums, with
            // one customer's state in cache at a time, so the time stays linear in rows.
            let byCustomer = OrdersByCustomer(dataset.orders, customerCount: n)
            if byCustomer.unplaced > 0 {
                for o in dataset.orders where !(o.customer >= 0 && o.customer < n) { acc.add(o) }
            }
            for c in 0..<n { byCustomer.forEach(of: c, in: dataset.orders) { acc.add($0) } }
            self.init(customers: dataset.customers, orders: acc, configuration: configuration)
        case .customerRecords:
            let asOf = configuration.asOf
            var activity: [CustomerActivity?] = []
            var neverPaid = 0
            for (i, c) in dataset.customers.enumerated() {
                if let span = Self.recordSpan(c, asOf: asOf, requireChurnDate: false) {
                    activity.append(CustomerActivity(customer: i, spans: [span]))
                } else {
                    activity.append(nil)
                    neverPaid += 1
                }
            }
            self.init(model: .customerRecords, configuration: configuration, customers: dataset.customers,
                      activity: activity, mrr: [], orders: [], neverPaid: neverPaid,
                      ignoredAfterAsOf: 0, ignoredUnknownCustomer: 0)
        }
    }

    /// Builds the ledger of an order business from an accumulator that has consumed the orders
    /// (streamed or not). The accumulator must use the same as-of and calendar.
    public init(customers: [Customer], orders accumulator: OrderActivityAccumulator,
                configuration: MetricsConfiguration) {
        let orders = accumulator.finish()
        let asOf = configuration.asOf
        let gap = max(0, configuration.inactivityDays)
        var activity: [CustomerActivity?] = []
        var neverPaid = 0
        for (i, c) in customers.enumerated() {
            let history = i < orders.count ? orders[i] : CustomerOrders()
            if history.paidDays.isEmpty {
                if history.periods.isEmpty, let span = Self.recordSpan(c, asOf: asOf, requireChurnDate: true) {
                    activity.append(CustomerActivity(customer: i, spans: [span]))
                } else {
                    activity.append(nil)
                    neverPaid += 1
                }
                continue
            }
            var spans: [ActiveSpan] = []
            var start = history.paidDays[0]
            var last = start
            for day in history.paidDays.dropFirst() {
                if day > last.adding(days: gap) {
                    spans.append(ActiveSpan(start: start, end: last.adding(days: gap)))
                    start = day
                }
                last = day
            }
            let churn = last.adding(days: gap)
            spans.append(ActiveSpan(start: start, end: churn <= asOf ? churn : nil))
            activity.append(CustomerActivity(customer: i, spans: spans))
        }
        self.init(model: .orders, configuration: configuration, customers: customers, activity: activity,
                  mrr: [], orders: orders, neverPaid: neverPaid, ignoredAfterAsOf: accumulator.ignoredAfterAsOf,
                  ignoredUnknownCustomer: accumulator.ignoredUnknownCustomer)
    }

    private init(subscriptionsOf dataset: Dataset, configuration: MetricsConfiguration) {
        let asOf = configuration.asOf
        let n = dataset.customers.count
        var paid = Array(repeating: [Subscription](), count: n)
        var hasRecords = Array(repeating: false, count: n)
        var afterAsOf = 0, unknown = 0
        for s in dataset.subscriptions {
            guard s.customer >= 0, s.customer < n else {
                unknown += 1
                continue
            }
            guard s.start <= asOf else {
                afterAsOf += 1
                continue
            }
            hasRecords[s.customer] = true
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
            if !hasRecords[i] {
                if let span = Self.recordSpan(c, asOf: asOf, requireChurnDate: true) {
                    activity.append(CustomerActivity(customer: i, spans: [span]))
                } else {
                    activity.append(nil)
                    neverPaid += 1
                }
                mrr.append([])
                continue
            }
            guard !paid[i].isEmpty else {
                activity.append(nil)
                mrr.append([])
                neverPaid += 1
                continue
            }
            var spans = ActiveSpan.merged(paid[i].map {
                ActiveSpan(start: $0.start, end: $0.end.flatMap { $0 <= asOf ? $0 : nil })
            })
            if let d = c.churnDate, d <= asOf {
                spans = Self.applyCancellation(d, to: spans)
            }
            activity.append(CustomerActivity(customer: i, spans: spans))
            mrr.append(MRRSchedule.steps(subscriptions: paid[i], spans: spans, asOf: asOf))
        }
        self.init(model: .subscriptions, configuration: configuration, customers: dataset.customers,
                  activity: activity, mrr: mrr, orders: [], neverPaid: neverPaid, ignoredAfterAsOf: afterAsOf,
                  ignoredUnknownCustomer: unknown)
    }

    private init(model: RevenueModel, configuration: MetricsConfiguration, customers: [Customer],
                 activity: [CustomerActivity?], mrr: [[MRRStep]], orders: [CustomerOrders], neverPaid: Int,
                 ignoredAfterAsOf: Int, ignoredUnknownCustomer: Int) {
        self.model = model
        self.configuration = configuration
        self.customers = customers
        self.activity = activity
        self.mrr = mrr
        self.orders = orders
        self.neverPaid = neverPaid
        self.ignoredAfterAsOf = ignoredAfterAsOf
        self.ignoredUnknownCustomer = ignoredUnknownCustomer
    }

    /// The CRM cancellation day `d` cuts the span containing it, or extends the last span when
    /// it falls after the last subscription ended. A day before the first span or between two
    /// spans adds nothing (the subscriptions already record that churn).
    static func applyCancellation(_ d: Day, to spans: [ActiveSpan]) -> [ActiveSpan] {
        var spans = spans
        if let i = spans.firstIndex(where: { $0.contains(d) }) {
            // A cancellation on the first paid day leaves a zero-length span: a churn on day 0.
            spans[i].end = d
        } else if let last = spans.last, let end = last.end, end < d {
            spans[spans.count - 1].end = d
        }
        return spans
    }

    /// [signup, churnDate) from the customer file alone.
    static func recordSpan(_ c: Customer, asOf: Day, requireChurnDate: Bool) -> ActiveSpan? {
        guard c.signup <= asOf else { return nil }
        guard let d = c.churnDate else {
            return requireChurnDate ? nil : ActiveSpan(start: c.signup, end: nil)
        }
        if d > asOf { return ActiveSpan(start: c.signup, end: nil) }
        return ActiveSpan(start: c.signup, end: max(d, c.signup))
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
