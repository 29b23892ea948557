import BackgroundWork
import Model

/// Each customer's records, grouped once so health can be scored at several dates cheaply.
struct HealthEvidence {
    struct Answer {
        let day: Day
        let kind: SurveyKind
        /// The scaled score (0–10 for NPS, 1–5 for CSAT, 0/1 for good/bad), stored in a byte.
        private let scaled: Int8
        var score: Int { Int(scaled) }

        init(day: Day, kind: SurveyKind, score: Int) {
            self.day = day
            self.kind = kind
            scaled = Int8(score)
        }
    }

    /// One customer's records: views into the evidence's flat arrays (`Records`), and the
    /// customer's distinct paid days, derived from the order book when the customer is visited.
    struct CustomerRecords {
        /// In-scale NPS answers, in file order.
        var nps: ArraySlice<Answer> = []
        /// In-scale CSAT and good/bad answers, in file order.
        var csat: ArraySlice<Answer> = []
        var tickets: ArraySlice<SupportTicket> = []
        var subscriptions: ArraySlice<Subscription> = []
        /// Distinct days with a positive order (every date, as-of or not), ascending (every
        /// date's recency reads a prefix). Not stored per customer: `Records.paidDays(of:into:)`
        /// derives them from the order book (a walk into one reused buffer).
        var paidDays: ArraySlice<Day> = []
    }

    /// Every customer's records (element c is customer c's), each kind in one flat array; the
    /// paid days are read from the order book.
    struct Records: RandomAccessCollection {
        let nps: CustomerGroups<Answer>
        let csat: CustomerGroups<Answer>
        let tickets: CustomerGroups<SupportTicket>
        let subscriptions: CustomerGroups<Subscription>
        /// Each customer's orders, in file order (the dataset's book, shared, not copied).
        let orders: CustomerOrderBook

        var startIndex: Int { 0 }
        var endIndex: Int { nps.starts.count - 1 }

        /// Customer `customer`'s records, with their paid days in a new array (code that visits
        /// many customers reuses one: `records(of:paidDays:)`).
        subscript(customer: CustomerIndex) -> CustomerRecords {
            var days: [Day] = []
            paidDays(of: customer, into: &days)
            return records(of: customer, paidDays: days[...])
        }

        /// Customer `customer`'s records with `paidDays` (which must be `paidDays(of:into:)`'s).
        func records(of customer: CustomerIndex, paidDays: ArraySlice<Day>) -> CustomerRecords {
            CustomerRecords(nps: nps[customer], csat: csat[customer], tickets: tickets[customer],
                            subscriptions: subscriptions[customer], paidDays: paidDays)
        }

        /// Customer `customer`'s distinct paid days (orders with an amount > 0), ascending, into
        /// `days` (emptied first, its capacity kept). Orders usually come in date order: each
        /// day is appended unless it repeats the last one, and only a customer whose days went
        /// down is sorted.
        func paidDays(of customer: CustomerIndex, into days: inout [Day]) {
            days.removeAll(keepingCapacity: true)
            for (day, amount) in zip(orders.days(of: customer), orders.amounts(of: customer))
            where amount > 0 && days.last != day {
                days.append(day)
            }
            HealthEvidence.sortDistinct(&days, from: 0)
        }
    }

    let customers: [Customer]
    private(set) var records: Records
    /// Each customer's orders, in file order (the dataset's book, shared, not copied).
    private(set) var orders: CustomerOrderBook
    /// Ticket rules apply only when the dataset has tickets at all.
    let hasTickets: Bool
    /// Whether recency may use the customers' last-login dates (`withoutLoginDates` turns it off).
    private(set) var usesLoginDates: Bool

    init(_ dataset: Dataset) {
        customers = dataset.customers
        let n = dataset.customers.count
        let surveys = dataset.surveys
        // The CSAT answers are grouped on another thread while the NPS answers are grouped here
        // (each reads the answers alone).
        let csatGroups = BackgroundResult { CustomerGroups(customerCount: n, surveys.indices) { Self.answer($0, of: surveys, nps: false) } }
        let nps = CustomerGroups(customerCount: n, surveys.indices) { Self.answer($0, of: surveys, nps: true) }
        let csat = csatGroups.wait()
        let tickets = CustomerGroups(customerCount: n, dataset.tickets) { t in t.customer.map { ($0, t) } }
        let subscriptions = CustomerGroups(customerCount: n, dataset.subscriptions) { ($0.customer, $0) }
        orders = dataset.orders
        records = Records(nps: nps, csat: csat, tickets: tickets, subscriptions: subscriptions, orders: orders)
        hasTickets = !dataset.tickets.isEmpty
        usesLoginDates = true
    }

    /// Answer `i` of `surveys` with its customer when it is an in-scale NPS answer (`nps`) or a
    /// CSAT or good/bad answer (not `nps`); CES is not used. Read field by field (the answer's
    /// comment is not needed).
    private static func answer(_ i: Int, of surveys: SurveyAnswers, nps: Bool) -> (CustomerIndex, Answer)? {
        let kind = surveys.kind(at: i)
        guard let c = surveys.customer(at: i), nps ? kind == .nps : (kind == .csat || kind == .csatGoodBad),
              let score = kind.scaledScore(surveys.score(at: i)) else { return nil }
        return (c, Answer(day: surveys.day(at: i), kind: kind, score: score))
    }

    /// The customer's last-login date, unless this evidence is without login dates.
    func lastSeen(of customer: CustomerIndex) -> Day? {
        usesLoginDates ? customers[customer].lastSeen : nil
    }

    /// Calls `body` with each order of `customer`, in file order.
    func forEachOrder(of customer: CustomerIndex, _ body: (Order) -> Void) {
        orders.forEach(of: customer, body)
    }

    /// The orders of `customer`, in file order (a copy: for code that needs a collection).
    func orders(of customer: CustomerIndex) -> [Order] {
        var out: [Order] = []
        forEachOrder(of: customer) { out.append($0) }
        return out
    }

    /// Makes `days[start...]` ascending without repeats (nothing moves when it already is).
    static func sortDistinct(_ days: inout [Day], from start: Int) {
        let kept = days.withUnsafeMutableBufferPointer { all in
            sortDistinct(UnsafeMutableBufferPointer(rebasing: all[start...]), count: all.count - start)
        }
        days.removeSubrange((start + kept)...)
    }

    /// Makes the first `count` days of `days` ascending without repeats and returns how many
    /// remain (nothing moves when they already are).
    static func sortDistinct(_ days: UnsafeMutableBufferPointer<Day>, count: Int) -> Int {
        var ascending = true
        for i in 1..<max(count, 1) where days[i - 1] >= days[i] {
            ascending = false
            break
        }
        guard !ascending else { return count }
        var prefix = UnsafeMutableBufferPointer(rebasing: days[..<count])
        prefix.sort()
        var kept = 1
        for i in 1..<count where days[kept - 1] != days[i] {
            days[kept] = days[i]
            kept += 1
        }
        return kept
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

    /// The same evidence without its order book (no customer has orders): for a reader that has
    /// taken what it needs from the orders already (the churn scoring's `ChurnOrderDigest`), so
    /// the book can be let go while it reads the rest. The other arrays are shared.
    func withoutOrders() -> HealthEvidence {
        var bookless = self
        bookless.orders = CustomerOrderBook()
        bookless.records = Records(nps: records.nps, csat: records.csat, tickets: records.tickets,
                                   subscriptions: records.subscriptions, orders: CustomerOrderBook())
        return bookless
    }
}
