import Model

/// Why a health rule gave a customer its points: the facts the sentence is written from, in at
/// most 25 bytes, where the sentence itself (`text`) is a heap string of 40–100 bytes. Every
/// scored customer keeps one per rule that had data (hundreds of thousands of customers), and
/// the sentences are read once, by the writers: so they are written when read.
enum HealthReason: Sendable, Hashable {
    /// Not asked for (the health history needs only the points): "".
    case unexplained
    /// "latest NPS 4 (detractor) on 2024-03-02".
    case nps(score: Int8, day: Day)
    /// "latest CSAT 3 of 5 on 2024-03-02".
    case csat(score: Int8, day: Day)
    /// "latest rating good on 2024-03-02".
    case rating(good: Bool, day: Day)
    /// "no open tickets", "2 open tickets".
    case openTickets(Int)
    /// "no overdue tickets", "1 ticket open beyond the resolution target".
    case overdueTickets(Int)
    /// "MRR 950.00 on 2024-03-31 vs 1000.00 on 2023-12-31 (−5.0 %)".
    case mrrTrend(now: Double, before: Double, on: Day, then: Day)
    /// "revenue 300.00 in the last 90 days vs 0.00 in the 90 before (new revenue)".
    case revenueTrend(recent: Double, previous: Double, days: Int)
    /// "last login 6 days ago".
    case login(daysAgo: Int)
    /// "last order 11 days ago; usually every 30 days".
    case lastOrder(daysAgo: Int, usualGap: Double)
    /// "customer for 400 days".
    case tenure(days: Int)

    /// The sentence shown in the report, the metrics JSON and the customers CSV.
    var text: String {
        switch self {
        case .unexplained:
            return ""
        case .nps(let score, let day):
            let category = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor"
            return "latest NPS \(score) (\(category)) on \(day)"
        case .csat(let score, let day):
            return "latest CSAT \(score) of 5 on \(day)"
        case .rating(let good, let day):
            return "latest rating \(good ? "good" : "bad") on \(day)"
        case .openTickets(let open):
            return open == 0 ? "no open tickets" : NumberText.count(open, "open ticket", "open tickets")
        case .overdueTickets(let overdue):
            return overdue == 0 ? "no overdue tickets"
                : NumberText.count(overdue, "ticket", "tickets") + " open beyond the resolution target"
        case .mrrTrend(let now, let before, let day, let then):
            return "MRR " + NumberText.fixed(now, digits: 2) + " on \(day) vs " + NumberText.fixed(before, digits: 2)
                + " on \(then)" + Self.change(now: now, before: before)
        case .revenueTrend(let recent, let previous, let days):
            return "revenue " + NumberText.fixed(recent, digits: 2) + " in the last \(days) days vs "
                + NumberText.fixed(previous, digits: 2) + " in the \(days) before" + Self.change(now: recent, before: previous)
        case .login(let days):
            return "last login " + Self.ago(days)
        case .lastOrder(let days, let usual):
            return "last order " + Self.ago(days) + "; usually every "
                + NumberText.fixed(usual, digits: usual == usual.rounded() ? 0 : 1) + " days"
        case .tenure(let days):
            return "customer for " + NumberText.count(days, "day", "days")
        }
    }

    /// The end of a trend's sentence: " (new revenue)" when there was none before (a trend
    /// reading is made only when now > 0 then), else the change now ÷ before − 1.
    private static func change(now: Double, before: Double) -> String {
        before <= 0 ? " (new revenue)" : " (" + NumberText.signedPercent(now / before - 1) + ")"
    }

    private static func ago(_ days: Int) -> String {
        days == 0 ? "today" : NumberText.count(days, "day", "days") + " ago"
    }
}
