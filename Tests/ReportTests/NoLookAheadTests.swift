import Testing
import Metrics
import Model
import Mustache
@testable import Report

/// Nothing dated after the as-of date may change any number: for random data sets and random
/// as-of dates, appending records dated after as-of — orders, refunds, cancellations,
/// subscription changes, surveys, tickets, ticket events, a customer who signs up later — leaves
/// the metrics JSON byte-identical (the input accounting aside, which these data sets lack).
@Suite struct NoLookAheadTests {
    /// SplitMix64, seeded.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let origin = Day(iso: "2023-01-01")!

    /// A random business over 2023–2024: subscriptions or orders, CRM cancellations with reasons
    /// and types, surveys of every kind and tickets.
    static func dataset(seed: UInt64, subscriptions: Bool) -> Dataset {
        var rng = Generator(state: seed)
        func int(_ r: Range<Int>) -> Int { Int.random(in: r, using: &rng) }
        var data = Dataset(currency: "USD")
        var orders: [Order] = []  // in file order; the dataset groups them by customer at the end
        for i in 0..<70 {
            let signup = origin.adding(days: int(0..<650))
            let churn: Day? = int(0..<3) == 0 ? signup.adding(days: int(0..<400)) : nil
            data.customers.append(Customer(id: "c\(i)", name: "C \(i)", signup: signup, plan: ["A", "B", "C"][int(0..<3)],
                                           segment: ["SMB", "Mid"][int(0..<2)], churnDate: churn,
                                           churnReason: ["price", "budget_cut", ""][int(0..<3)],
                                           churnKind: [ChurnKind.voluntary, .involuntary, nil][int(0..<3)],
                                           lastSeen: signup.adding(days: int(0..<500))))
            var day = signup.adding(days: int(0..<40))
            for j in 0..<int(0..<6) {
                if subscriptions {
                    let end: Day? = int(0..<3) == 0 ? nil : day.adding(days: int(1..<300))
                    data.subscriptions.append(Subscription(id: "s\(i)-\(j)", customer: i, start: day, end: end,
                                                           mrr: Double(int(0..<40_000)) / 100, isTrial: int(0..<8) == 0))
                    day = day.adding(days: int(-20..<200))
                } else {
                    orders.append(Order(customer: i, day: day, amount: Double(int(-3_000..<30_000)) / 100))
                    day = day.adding(days: int(0..<120))
                }
            }
            for _ in 0..<int(0..<5) {
                let answered = signup.adding(days: int(0..<500))
                data.surveys.append(survey(customer: i, day: answered, &rng))
            }
            for t in 0..<int(0..<4) {
                let opened = signup.adding(days: int(0..<500))
                data.tickets.append(ticket(id: "t\(i)-\(t)", customer: i, day: opened, &rng))
            }
        }
        data.orders = CustomerOrderBook(orders)
        return data
    }

    static func survey(customer: Int?, day: Day, _ rng: inout Generator) -> SurveyResponse {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return SurveyResponse(customer: customer, day: day, kind: .nps, score: Double(Int.random(in: 0...10, using: &rng)),
                                      comment: "c")
        case 1: return SurveyResponse(customer: customer, day: day, kind: .csat, score: Double(Int.random(in: 1...5, using: &rng)))
        default: return SurveyResponse(customer: customer, day: day, kind: .ces, score: Double(Int.random(in: 1...7, using: &rng)))
        }
    }

    static func ticket(id: String, customer: Int?, day: Day, _ rng: inout Generator) -> SupportTicket {
        let created = Int64(day.ordinal) * 86_400 + Int64.random(in: 0..<86_400, using: &rng)
        let response = created + Int64.random(in: 60..<200_000, using: &rng)
        let resolved = response + Int64.random(in: 60..<900_000, using: &rng)
        return SupportTicket(id: id, customer: customer, created: Instant(secondsSince1970: created),
                             firstResponse: Instant(secondsSince1970: response), resolved: Instant(secondsSince1970: resolved),
                             priority: TicketPriority.allCases[Int.random(in: 0..<4, using: &rng)],
                             status: "solved")
    }

    /// The same data with records dated after `asOf` added or moved (never touching anything dated
    /// on or before it).
    static func withFuture(_ data: Dataset, after asOf: Day, seed: UInt64) -> Dataset {
        var rng = Generator(state: seed ^ 0xFEED)
        func later() -> Day { asOf.adding(days: Int.random(in: 1..<200, using: &rng)) }
        var future = data
        var futureOrders = Array(data.orders)  // the dataset's, customer by customer; later orders follow
        let n = data.customers.count
        for i in 0..<n {
            // Cancellations: a new one after as-of, or an existing later one moved.
            if future.customers[i].churnDate.map({ $0 > asOf }) ?? true, Int.random(in: 0..<2, using: &rng) == 0 {
                future.customers[i].churnDate = later()
                future.customers[i].churnReason = "too_expensive_later"
                future.customers[i].churnKind = .involuntary
            }
        }
        for k in future.subscriptions.indices {
            // Subscription changes: an open subscription ends after as-of, a later end moves.
            if future.subscriptions[k].end.map({ $0 > asOf }) ?? true, Int.random(in: 0..<2, using: &rng) == 0 {
                future.subscriptions[k].end = later()
            }
        }
        for k in future.tickets.indices {
            // Ticket events after the as-of day move later still.
            let cut = Int64(asOf.ordinal + 1) * 86_400
            if let r = future.tickets[k].resolved, r.secondsSince1970 >= cut,
               future.tickets[k].created.secondsSince1970 < cut {
                future.tickets[k].resolved = Instant(secondsSince1970: r.secondsSince1970 + 86_400 * 30)
            }
        }
        for _ in 0..<40 {
            let c = Int.random(in: 0..<n, using: &rng)
            if !data.subscriptions.isEmpty {
                let start = later()
                future.subscriptions.append(Subscription(id: "f\(future.subscriptions.count)", customer: c, start: start,
                                                         end: Int.random(in: 0..<2, using: &rng) == 0 ? nil : start.adding(days: 30),
                                                         mrr: 99))
            } else {
                futureOrders.append(Order(customer: c, day: later(), amount: 120))  // an order
                futureOrders.append(Order(customer: c, day: later(), amount: -35))  // a refund
            }
            let answered = later(), opened = later()
            future.surveys.append(survey(customer: c, day: answered, &rng))
            future.tickets.append(ticket(id: "f\(future.tickets.count)", customer: c, day: opened, &rng))
        }
        // A customer who signs up after as-of, with a purchase and an answer.
        future.customers.append(Customer(id: "newcomer", signup: later(), plan: "A"))
        if !data.subscriptions.isEmpty {
            future.subscriptions.append(Subscription(id: "nc", customer: n, start: later(), mrr: 10))
        } else {
            futureOrders.append(Order(customer: n, day: later(), amount: 10))
        }
        future.orders = CustomerOrderBook(futureOrders)
        return future
    }

    static func metricsJSON(_ data: Dataset, asOf: Day, basis: CohortBasis) -> String {
        let configuration = MetricsConfiguration(asOf: asOf, cohortBasis: basis, inactivityDays: 60)
        let analysis = RetentionAnalysis(dataset: data, configuration: configuration)
        let report = RetentionReport(analysis: analysis, dataset: data, options: ReportOptions())
        return MetricsDocument.json(analysis: analysis, dataset: data, report: report, title: "t", generator: "g")
    }

    @Test(arguments: [UInt64(1), 2, 3, 4], [true, false])
    func recordsAfterAsOfChangeNothing(seed: UInt64, subscriptions: Bool) {
        let data = Self.dataset(seed: seed, subscriptions: subscriptions)
        var rng = Generator(state: seed &* 7919)
        for _ in 0..<2 {
            let asOf = Self.origin.adding(days: Int.random(in: 200..<700, using: &rng))
            let future = Self.withFuture(data, after: asOf, seed: seed)
            let basis: CohortBasis = Bool.random(using: &rng) ? .firstPayment : .signup
            let before = Self.metricsJSON(data, asOf: asOf, basis: basis)
            let after = Self.metricsJSON(future, asOf: asOf, basis: basis)
            if before != after {
                let a = before.split(separator: "\n"), b = after.split(separator: "\n")
                let line = Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)
                Issue.record("as of \(asOf): first difference at line \(line + 1): \(line < a.count ? String(a[line]) : "<end>") → \(line < b.count ? String(b[line]) : "<end>")")
            }
        }
    }
}
