import Model
@testable import Metrics

/// `d("2024-01-05")`: test dates read like the hand-worked examples.
func d(_ iso: String) -> Day {
    guard let day = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
    return day
}

func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

/// The subscription business every hand-worked example uses (monthly calendar, as-of 2024-03-15).
///
///   customer  plan   signup      paid subscriptions                        CRM
///   Ann       Pro    2024-01-05  100 from 01-05, open
///   Bob       Basic  2024-01-10  50 from 01-10 to 02-20                    churned 02-20, Price, voluntary
///   Cat       Basic  2024-01-20  30 from 01-20 to 01-25                    churned 01-25, Price, voluntary
///   Hal       Basic  2024-01-08  25 from 01-08 to 01-31, 25 from 02-15 open (re-subscriber)
///   Dan       Pro    2024-02-03  80 from 02-03 open, + 20 from 03-01 open (expansion)
///   Eve       Pro    2024-02-14  40 from 02-14 to 03-10                    churned 03-10, Payment failed, involuntary
///   Fay       —      2024-03-02  60 from 03-02 open
///   Gus       Basic  2024-01-15  trial only (mrr 0)                        never paid: in no metric
///   Ned       Pro    2024-01-02  120 from 2024-04-01 (after as-of)          ignored
enum Fixture {
    static let asOf = d("2024-03-15")

    static func configuration(_ g: Granularity = .month, basis: CohortBasis = .signup,
                              unbounded: Bool = false, asOf: Day = Fixture.asOf) -> MetricsConfiguration {
        MetricsConfiguration(asOf: asOf, calendar: PeriodCalendar(g), cohortBasis: basis, unboundedRetention: unbounded)
    }

    static var subscriptions: Dataset {
        let customers = [
            Customer(id: "ann", name: "Ann", signup: d("2024-01-05"), plan: "Pro"),
            Customer(id: "bob", name: "Bob", signup: d("2024-01-10"), plan: "Basic", churnDate: d("2024-02-20"),
                     churnReason: "Price", churnKind: .voluntary),
            Customer(id: "cat", name: "Cat", signup: d("2024-01-20"), plan: "Basic", churnDate: d("2024-01-25"),
                     churnReason: "Price", churnKind: .voluntary),
            Customer(id: "hal", name: "Hal", signup: d("2024-01-08"), plan: "Basic"),
            Customer(id: "dan", name: "Dan", signup: d("2024-02-03"), plan: "Pro"),
            Customer(id: "eve", name: "Eve", signup: d("2024-02-14"), plan: "Pro", churnDate: d("2024-03-10"),
                     churnReason: "Payment failed", churnKind: .involuntary),
            Customer(id: "fay", name: "Fay", signup: d("2024-03-02")),
            Customer(id: "gus", name: "Gus", signup: d("2024-01-15"), plan: "Basic"),
            Customer(id: "ned", name: "Ned", signup: d("2024-01-02"), plan: "Pro"),
        ]
        let subs = [
            Subscription(id: "s1", customer: 0, start: d("2024-01-05"), mrr: 100),
            Subscription(id: "s2", customer: 1, start: d("2024-01-10"), end: d("2024-02-20"), mrr: 50),
            Subscription(id: "s3", customer: 2, start: d("2024-01-20"), end: d("2024-01-25"), mrr: 30),
            Subscription(id: "s4", customer: 3, start: d("2024-01-08"), end: d("2024-01-31"), mrr: 25),
            Subscription(id: "s5", customer: 3, start: d("2024-02-15"), mrr: 25),
            Subscription(id: "s6", customer: 4, start: d("2024-02-03"), mrr: 80),
            Subscription(id: "s7", customer: 4, start: d("2024-03-01"), mrr: 20),
            Subscription(id: "s8", customer: 5, start: d("2024-02-14"), end: d("2024-03-10"), mrr: 40),
            Subscription(id: "s9", customer: 6, start: d("2024-03-02"), mrr: 60),
            Subscription(id: "t1", customer: 7, start: d("2024-01-15"), end: d("2024-01-29"), mrr: 0, isTrial: true),
            Subscription(id: "s10", customer: 8, start: d("2024-04-01"), mrr: 120),
        ]
        return Dataset(customers: customers, subscriptions: subs)
    }

    /// Order business (monthly, as-of 2024-04-15, inactivity 30 days).
    ///
    ///   Ivy  signup 01-03  orders 01-03 100, 01-20 50, 02-10 70, refund 02-12 −20   churns 02-10+30 = 03-11
    ///   Jon  signup 01-15  order 01-15 40                                          churns 01-15+30 = 02-14
    ///   Kim  signup 02-01  orders 02-05 60, 04-01 80 (gap 56 > 30)                 churns 03-06, back 04-01
    ///   Lee  signup 02-20  no orders, no cancellation date                         never paid
    static let orderAsOf = d("2024-04-15")

    static var orders: Dataset {
        let customers = [
            Customer(id: "ivy", signup: d("2024-01-03"), plan: "A"),
            Customer(id: "jon", signup: d("2024-01-15"), plan: "B"),
            Customer(id: "kim", signup: d("2024-02-01"), plan: "A"),
            Customer(id: "lee", signup: d("2024-02-20"), plan: "B"),
        ]
        let orders = [
            Order(customer: 0, day: d("2024-01-03"), amount: 100),
            Order(customer: 0, day: d("2024-01-20"), amount: 50),
            Order(customer: 0, day: d("2024-02-10"), amount: 70),
            Order(customer: 0, day: d("2024-02-12"), amount: -20),
            Order(customer: 1, day: d("2024-01-15"), amount: 40),
            Order(customer: 2, day: d("2024-02-05"), amount: 60),
            Order(customer: 2, day: d("2024-04-01"), amount: 80),
        ]
        return Dataset(customers: customers, orders: orders)
    }

    static func orderConfiguration(unbounded: Bool = false, grossMargin: Double = 0.5) -> MetricsConfiguration {
        MetricsConfiguration(asOf: orderAsOf, calendar: PeriodCalendar(.month), unboundedRetention: unbounded,
                             inactivityDays: 30, grossMargin: grossMargin)
    }
}

/// SplitMix64: a tiny seeded generator so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random subscription business: upgrades, downgrades, cancellations, re-subscriptions,
/// trials and CRM cancellation dates, over 2023–2024.
func randomSubscriptionDataset(seed: UInt64, customers n: Int = 60) -> Dataset {
    var rng = SeededGenerator(seed: seed)
    let origin = d("2023-01-01")
    var customers: [Customer] = []
    var subs: [Subscription] = []
    let plans = ["Basic", "Pro", "Enterprise"]
    for i in 0..<n {
        let signup = origin.adding(days: Int.random(in: 0..<600, using: &rng))
        var churn: Day?
        if Int.random(in: 0..<4, using: &rng) == 0 { churn = signup.adding(days: Int.random(in: 0..<400, using: &rng)) }
        customers.append(Customer(id: "c\(i)", signup: signup, plan: plans[Int.random(in: 0..<3, using: &rng)],
                                  churnDate: churn, churnKind: Bool.random(using: &rng) ? .voluntary : nil))
        var start = signup
        for j in 0..<Int.random(in: 0...4, using: &rng) {
            let length = Int.random(in: 1..<300, using: &rng)
            let end: Day? = Int.random(in: 0..<3, using: &rng) == 0 ? nil : start.adding(days: length)
            let mrr = Double(Int.random(in: 0...50_000, using: &rng)) / 100
            subs.append(Subscription(id: "c\(i)-\(j)", customer: i, start: start, end: end, mrr: mrr,
                                     isTrial: Int.random(in: 0..<8, using: &rng) == 0))
            start = start.adding(days: Int.random(in: -30..<200, using: &rng))
        }
    }
    return Dataset(customers: customers, subscriptions: subs)
}
