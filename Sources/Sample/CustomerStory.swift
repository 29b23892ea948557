import Model

/// The whole simulated life of one customer, from signup to the end of the window: the
/// account fields, its subscriptions (trial, plan changes, churn, reactivation), support
/// tickets and survey answers. Built once per customer, written out, then reused for the next
/// customer (`removeAll(keepingCapacity:)`), so memory does not grow with the customer count.
///
/// The model, in short:
/// - A latent `risk` in [0, 1) (= u², so most accounts are healthy) drives everything that
///   goes wrong: churn hazard, tickets, low scores, stale logins.
/// - Churn is checked at each billing boundary (monthly, or at the annual renewal). Monthly
///   hazard = plan base (Starter 3.2 %, Growth 1.9 %, Scale 1.0 %) × tenure factor (1.8 in the
///   first 3 months, 1.35 up to 6, 1.0 up to 12, 0.8 after) × channel factor × (0.35 + 1.9·risk).
///   Annual subscriptions churn at renewal with 1 − (1 − 0.75·h)¹².
/// - Churned customers come back after 30–240 days with probability 10 % (30 % after a
///   failed payment), on a monthly subscription of the same or a lower plan.
/// - Upgrades and downgrades end one subscription and start the next on the same day.
/// - "Leaving" (a churn within the next 150 days) lowers NPS/CSAT/CES and raises the ticket rate.
struct CustomerStory {
    struct Subscription {
        var plan: Plan
        var interval: BillingInterval
        var amountCents: Int
        var start: Day
        /// First day no longer active; nil while active at the end of the window.
        var end: Day?
        var status: String
        var isTrial: Bool
    }

    struct Churn {
        var day: Day
        var reason: ChurnReason
    }

    struct Ticket {
        var created: Int64
        var firstResponse: Int64?
        var solved: Int64?
        var priority: TicketPriorityLevel
        var status: String
    }

    enum SurveyKind {
        case nps, csat, ces

        var name: String {
            switch self {
            case .nps: return "NPS"
            case .csat: return "CSAT"
            case .ces: return "CES"
            }
        }
    }

    struct Survey {
        var submitted: Int64
        var kind: SurveyKind
        var score: Int
        var comment: String?
    }

    var index = 0
    var name = ""
    var signup = Day(ordinal: 0)
    var createdSecond = 0
    /// Created Date written as `yyyy-MM-ddTHH:mm:ssZ` (messy rows only).
    var createdAsTimestamp = false
    var segment = Segment.smb
    var region = Region.northAmerica
    var channel = Channel.organic
    var owner = ""
    var risk = 0.0
    var lastLogin = Day(ordinal: 0)
    var subscriptions: [Subscription] = []
    var churns: [Churn] = []
    var tickets: [Ticket] = []
    var surveys: [Survey] = []
    /// Continues after `generate` for per-row draws made while writing (refunds).
    var rng = SeededGenerator(seed: 0)

    var isActive: Bool { subscriptions.last?.end == nil }
    var currentPlan: Plan { subscriptions.last?.plan ?? .starter }
    /// The churn that ended the last subscription, for cancelled customers.
    var finalChurn: Churn? { isActive ? nil : churns.last }

    /// Replaces this story with customer `index`'s, who signs up on `signup`.
    mutating func generate(index: Int, signup: Day, context: StoryContext) {
        self.index = index
        self.signup = signup
        subscriptions.removeAll(keepingCapacity: true)
        churns.removeAll(keepingCapacity: true)
        tickets.removeAll(keepingCapacity: true)
        surveys.removeAll(keepingCapacity: true)
        rng = SeededGenerator(seed: context.seed, stream: UInt64(index) &+ 1)

        segment = Segment(rawValue: rng.pick(weights: Segment.weights)) ?? .smb
        region = Region(rawValue: rng.pick(weights: Region.weights)) ?? .northAmerica
        channel = Channel(rawValue: rng.pick(weights: Channel.weights(for: segment))) ?? .organic
        owner = rng.element(of: accountOwners)
        name = CompanyNames.make(region: region, using: &rng)
        let u = rng.unit()
        risk = u * u
        createdSecond = rng.int(in: 7 * 3600...19 * 3600)
        // Drawn whether or not messy rows are on, so both variants share every other value.
        createdAsTimestamp = rng.chance(0.03) && context.messy

        simulateSubscriptions(context: context)
        simulateTickets(context: context)
        simulateSurveys(context: context)
        chooseLastLogin(context: context)
    }

    // MARK: Subscriptions

    private mutating func simulateSubscriptions(context: StoryContext) {
        let endDay = context.endDay
        var plan = Plan(rawValue: rng.pick(weights: segment.planWeights)) ?? .starter
        var interval: BillingInterval = rng.chance(segment.annualShare) ? .year : .month
        // Some enterprise Scale deals are negotiated above list price.
        let customScale = segment == .enterprise && rng.chance(0.5)
            ? Plan.scale.monthlyCents + 10_000 * rng.int(in: 1...12) : Plan.scale.monthlyCents
        func price(_ plan: Plan, _ interval: BillingInterval) -> Int {
            let monthly = plan == .scale ? customScale : plan.monthlyCents
            return interval == .year ? monthly * 10 : monthly
        }

        var start = signup
        if rng.chance(segment.trialShare) {
            let trialEnd = signup.adding(days: 14)
            let ended = trialEnd <= endDay
            subscriptions.append(Subscription(plan: plan, interval: .month, amountCents: 0, start: signup,
                                              end: ended ? trialEnd : nil, status: "trialing", isTrial: true))
            guard ended else { return }
            start = trialEnd
        }

        var tenureStart = signup
        var risk = self.risk
        while true {
            subscriptions.append(Subscription(plan: plan, interval: interval, amountCents: price(plan, interval),
                                              start: start, end: nil, status: "active", isTrial: false))
            var period = 1
            var next: (start: Day, plan: Plan, interval: BillingInterval)? = nil
            while true {
                let boundary = start.addingMonths(period * interval.months)
                if boundary > endDay { break }
                let tenureMonths = tenureStart.days(to: boundary) / 30
                let tenureFactor = tenureMonths <= 3 ? 1.8 : tenureMonths <= 6 ? 1.35 : tenureMonths <= 12 ? 1.0 : 0.8
                let hazard = plan.baseHazard * tenureFactor * channel.hazardFactor * (0.35 + 1.9 * risk)
                let churnChance = interval == .month ? hazard : 1 - CustomerStory.power(1 - 0.75 * hazard, 12)
                if rng.chance(churnChance) {
                    end(at: boundary, status: "canceled")
                    let reason = ChurnReason(rawValue: rng.pick(weights: ChurnReason.weights(
                        plan: plan, segment: segment, trouble: risk))) ?? .price
                    churns.append(Churn(day: boundary, reason: reason))
                    if rng.chance(reason.isInvoluntary ? 0.30 : 0.10) {
                        let back = boundary.adding(days: rng.int(in: 30...240))
                        if back <= endDay {
                            let lower = rng.chance(0.3) ? (plan.lower ?? plan) : plan
                            next = (back, lower, .month)
                            tenureStart = back
                            risk *= 0.7
                        }
                    }
                    break
                }
                let upChance = 1 - CustomerStory.power(1 - 0.011 * (1.3 - risk), interval.months)
                let downChance = 1 - CustomerStory.power(1 - (0.003 + 0.010 * risk), interval.months)
                if let higher = plan.higher, rng.chance(upChance) {
                    end(at: boundary, status: "canceled")
                    next = (boundary, higher, interval)
                    break
                }
                if let lower = plan.lower, rng.chance(downChance) {
                    end(at: boundary, status: "canceled")
                    next = (boundary, lower, interval)
                    break
                }
                period += 1
            }
            guard let following = next else { break }
            start = following.start
            plan = following.plan
            interval = following.interval
        }
        if let last = subscriptions.indices.last, subscriptions[last].end == nil,
           rng.chance(0.01 + 0.05 * self.risk) {
            subscriptions[last].status = "past_due"
        }
    }

    private mutating func end(at day: Day, status: String) {
        guard let last = subscriptions.indices.last else { return }
        subscriptions[last].end = day
        subscriptions[last].status = status
    }

    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= base }
        return result
    }

    // MARK: Health over time

    /// Whether any subscription (trials included) is active on `day`.
    func isCustomer(on day: Day) -> Bool {
        for s in subscriptions where s.start <= day && (s.end.map { day < $0 } ?? true) { return true }
        return false
    }

    /// How troubled the account is on `day`: its risk, plus up to 0.6 as a churn approaches
    /// (linearly over the 150 days before it).
    func stress(on day: Day) -> Double {
        var leaving = 0.0
        for churn in churns {
            let ahead = day.days(to: churn.day)
            if ahead >= 0 && ahead < 150 {
                leaving = max(leaving, 0.6 * (1 - Double(ahead) / 150) + 0.15)
            }
        }
        return risk + leaving
    }

    // MARK: Tickets

    private mutating func simulateTickets(context: StoryContext) {
        let now = context.endDay.adding(days: 1).seconds(at: 0)
        var monthStart = signup
        while monthStart <= context.endDay {
            let stress = stress(on: monthStart)
            let expected = segment.ticketRate * (0.5 + 3.0 * stress)
            let p = expected / (1 + expected)
            var count = 0
            while count < 8, rng.chance(p) { count += 1 }
            let firstTicketIndex = tickets.count
            for _ in 0..<count {
                let day = monthStart.adding(days: rng.int(in: 0...29))
                guard day <= context.endDay, isCustomer(on: day) else { continue }
                let second = rng.chance(0.9) ? rng.int(in: 7 * 3600...19 * 3600) : rng.int(in: 0...86_399)
                let created = day.seconds(at: second)
                var weights = TicketPriorityLevel.weights
                weights[2] += 0.2 * stress
                weights[3] += 0.12 * stress
                let priority = TicketPriorityLevel(rawValue: rng.pick(weights: weights)) ?? .normal
                let slowness = 1 + stress
                let response = created + Int64(Double(rng.int(in: priority.firstResponseMinutes)) * slowness) * 60
                let solved = response + Int64(Double(rng.int(in: 30...4_320)) * (1 + 2 * stress)) * 60
                var ticket = Ticket(created: created, firstResponse: response, solved: solved,
                                    priority: priority, status: "closed")
                if response >= now {
                    ticket.firstResponse = nil
                    ticket.solved = nil
                    ticket.status = "open"
                } else if solved >= now {
                    ticket.solved = nil
                    ticket.status = "pending"
                } else if now - solved < 4 * 86_400 {
                    ticket.status = "solved"
                }
                tickets.append(ticket)
            }
            if tickets.count - firstTicketIndex > 1 {
                tickets[firstTicketIndex...].sort { $0.created < $1.created }
            }
            monthStart = monthStart.adding(days: 30)
        }
    }

    // MARK: Surveys

    private mutating func simulateSurveys(context: StoryContext) {
        let now = context.endDay.adding(days: 1).seconds(at: 0)
        let allowLineBreak = context.messy
        if rng.chance(segment.npsShare) {
            var day = signup.adding(days: rng.int(in: 25...60))
            while day <= context.endDay {
                if isCustomer(on: day), rng.chance(0.55) {
                    let mean = 9.6 - 3.5 * risk - 5.0 * max(0, stress(on: day) - risk)
                    let score = CustomerStory.clamp(mean + 1.6 * rng.normal(), 0, 10)
                    let comment = rng.chance(0.35) ? SurveyComments.comment(
                        fraction: Double(score) / 10, allowLineBreak: allowLineBreak, using: &rng) : nil
                    surveys.append(Survey(submitted: day.seconds(at: rng.int(in: 6 * 3600...22 * 3600)),
                                          kind: .nps, score: score, comment: comment))
                }
                day = day.adding(days: rng.int(in: 85...100))
            }
        }
        for ticket in tickets {
            guard let solved = ticket.solved else { continue }
            let stress = stress(on: Day(ordinal: Int32(solved / 86_400)))
            if rng.chance(0.45) {
                let submitted = solved + Int64(rng.int(in: 600...172_800))
                if submitted < now {
                    let mean = 5.1 - 1.4 * stress - (ticket.priority == .urgent ? 0.3 : 0)
                    let score = CustomerStory.clamp(mean + 0.7 * rng.normal(), 1, 5)
                    let comment = rng.chance(0.25) ? SurveyComments.comment(
                        fraction: Double(score - 1) / 4, allowLineBreak: allowLineBreak, using: &rng) : nil
                    surveys.append(Survey(submitted: submitted, kind: .csat, score: score, comment: comment))
                }
            }
            if rng.chance(0.12) {
                let submitted = solved + Int64(rng.int(in: 600...172_800))
                if submitted < now {
                    let score = CustomerStory.clamp(6.3 - 2.2 * stress + 1.0 * rng.normal(), 1, 7)
                    surveys.append(Survey(submitted: submitted, kind: .ces, score: score, comment: nil))
                }
            }
        }
        surveys.sort { $0.submitted < $1.submitted }
    }

    static func clamp(_ value: Double, _ low: Int, _ high: Int) -> Int {
        let rounded = (value + 0.5).rounded(.down)
        if rounded < Double(low) { return low }
        if rounded > Double(high) { return high }
        return Int(rounded)
    }

    // MARK: Last login

    private mutating func chooseLastLogin(context: StoryContext) {
        let reference: Day
        let staleness: Int
        if let last = subscriptions.last, let end = last.end {
            reference = end.adding(days: -1)
            staleness = rng.int(in: 0...(5 + Int(60 * risk)))
        } else {
            reference = context.endDay
            staleness = risk > 0.5 ? rng.int(in: 12...75) : rng.int(in: 0...(3 + Int(14 * risk)))
        }
        let day = reference.adding(days: -staleness)
        lastLogin = max(signup, min(day, context.endDay))
    }
}

/// What every story needs to know about the run.
struct StoryContext {
    var seed: UInt64
    var endDay: Day
    var messy: Bool
}
