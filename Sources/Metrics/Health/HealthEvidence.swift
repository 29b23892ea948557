import Model

/// Each customer's records, grouped once so health can be scored at several dates cheaply.
struct HealthEvidence {
    struct Answer {
        let day: Day
        let kind: SurveyKind
        let score: Int
    }

    struct CustomerRecords {
        /// In-scale NPS answers, in file order.
        var nps: [Answer] = []
        /// In-scale CSAT and good/bad answers, in file order.
        var csat: [Answer] = []
        var tickets: [SupportTicket] = []
        var subscriptions: [Subscription] = []
        /// Distinct days with a positive order, ascending (every date's recency reads a prefix).
        var paidDays: [Day] = []
    }

    let customers: [Customer]
    let records: [CustomerRecords]
    /// The dataset's orders (shared, not copied) and each customer's among them.
    let orders: [Order]
    let ordersByCustomer: OrdersByCustomer
    /// Ticket rules apply only when the dataset has tickets at all.
    let hasTickets: Bool
    /// Whether recency may use the customers' last-login dates (`withoutLoginDates` turns it off).
    private(set) var usesLoginDates: Bool

    init(_ dataset: Dataset) {
        customers = dataset.customers
        var records = [CustomerRecords](repeating: CustomerRecords(), count: dataset.customers.count)
        let known = records.indices
        for r in dataset.surveys {
            guard let c = r.customer, known.contains(c), let score = r.kind.scaledScore(r.score) else { continue }
            switch r.kind {
            case .nps: records[c].nps.append(Answer(day: r.day, kind: r.kind, score: score))
            case .csat, .csatGoodBad: records[c].csat.append(Answer(day: r.day, kind: r.kind, score: score))
            case .ces: break
            }
        }
        for t in dataset.tickets {
            if let c = t.customer, known.contains(c) { records[c].tickets.append(t) }
        }
        for s in dataset.subscriptions where known.contains(s.customer) { records[s.customer].subscriptions.append(s) }
        orders = dataset.orders
        ordersByCustomer = OrdersByCustomer(dataset.orders, customerCount: dataset.customers.count)
        for c in records.indices {
            // Orders usually come in date order: append, and sort only the customers that did not.
            var days: [Day] = []
            ordersByCustomer.forEach(of: c, in: orders) { o in
                if o.amount > 0, days.last != o.day { days.append(o.day) }
            }
            if !days.isEmpty { records[c].paidDays = Self.sortedDistinct(days) }
        }
        self.records = records
        hasTickets = !dataset.tickets.isEmpty
        usesLoginDates = true
    }

    /// The customer's last-login date, unless this evidence is without login dates.
    func lastSeen(of customer: CustomerIndex) -> Day? {
        usesLoginDates ? customers[customer].lastSeen : nil
    }

    /// Calls `body` with each order of `customer`, in file order.
    func forEachOrder(of customer: CustomerIndex, _ body: (Order) -> Void) {
        ordersByCustomer.forEach(of: customer, in: orders, body)
    }

    /// The orders of `customer`, in file order (a copy: for code that needs a collection).
    func orders(of customer: CustomerIndex) -> [Order] {
        var out: [Order] = []
        forEachOrder(of: customer) { out.append($0) }
        return out
    }

    /// `days` ascending without repeats (a no-op copy check when already so).
    static func sortedDistinct(_ days: [Day]) -> [Day] {
        if zip(days, days.dropFirst()).allSatisfy({ $0 < $1 }) { return days }
        var out: [Day] = []
        for d in days.sorted() where out.last != d { out.append(d) }
        return out
    }
}

extension HealthEvidence {
    /// The same evidence without last-login dates. A last-login date is one snapshot taken at
    /// export time, so scoring a past day with it would use the future; models scoring past
    /// month ends use this view (recency then falls back to the order interval). Nothing is
    /// copied: the arrays are shared and `lastSeen(of:)` answers nil.
    func withoutLoginDates() -> HealthEvidence {
        var blind = self
        blind.usesLoginDates = false
        return blind
    }
}
