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

    /// The sentence shown in the report, the metrics JSON and the customers CSV (the bytes
    /// `append(to:)` writes).
    var text: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the sentence's UTF-8 bytes to `out` without building a String (the customers CSV
    /// writes a reason per rule per scored customer).
    func append(to out: inout [UInt8]) {
        switch self {
        case .unexplained:
            return
        case .nps(let score, let day):
            NumberText.append("latest NPS ", to: &out)
            NumberText.appendDecimal(Int(score), to: &out)
            NumberText.append(score >= 9 ? " (promoter) on " : score >= 7 ? " (passive) on " : " (detractor) on ", to: &out)
            NumberText.appendDay(day, to: &out)
        case .csat(let score, let day):
            NumberText.append("latest CSAT ", to: &out)
            NumberText.appendDecimal(Int(score), to: &out)
            NumberText.append(" of 5 on ", to: &out)
            NumberText.appendDay(day, to: &out)
        case .rating(let good, let day):
            NumberText.append(good ? "latest rating good on " : "latest rating bad on ", to: &out)
            NumberText.appendDay(day, to: &out)
        case .openTickets(let open):
            if open == 0 { return NumberText.append("no open tickets", to: &out) }
            NumberText.appendCount(open, "open ticket", "open tickets", to: &out)
        case .overdueTickets(let overdue):
            if overdue == 0 { return NumberText.append("no overdue tickets", to: &out) }
            NumberText.appendCount(overdue, "ticket", "tickets", to: &out)
            NumberText.append(" open beyond the resolution target", to: &out)
        case .mrrTrend(let now, let before, let day, let then):
            Self.appendTrend("MRR ", now: now, before: before, to: &out) { out, isNow in
                NumberText.append(" on ", to: &out)
                NumberText.appendDay(isNow ? day : then, to: &out)
            }
        case .revenueTrend(let recent, let previous, let days):
            Self.appendTrend("revenue ", now: recent, before: previous, to: &out) { out, isNow in
                NumberText.append(isNow ? " in the last " : " in the ", to: &out)
                NumberText.appendDecimal(days, to: &out)
                NumberText.append(isNow ? " days" : " before", to: &out)
            }
        case .login(let days):
            NumberText.append("last login ", to: &out)
            Self.appendAgo(days, to: &out)
        case .lastOrder(let days, let usual):
            NumberText.append("last order ", to: &out)
            Self.appendAgo(days, to: &out)
            NumberText.append("; usually every ", to: &out)
            NumberText.appendFixed(usual, digits: usual == usual.rounded() ? 0 : 1, to: &out)
            NumberText.append(" days", to: &out)
        case .tenure(let days):
            NumberText.append("customer for ", to: &out)
            NumberText.appendCount(days, "day", "days", to: &out)
        }
    }

    /// A trend's sentence: `label`, `now` with its `when` (`isNow` true), " vs ", `before` with
    /// its `when` (`isNow` false), then the change (`appendChange`).
    private static func appendTrend(_ label: StaticString, now: Double, before: Double, to out: inout [UInt8],
                                    when: (_ out: inout [UInt8], _ isNow: Bool) -> Void) {
        NumberText.append(label, to: &out)
        NumberText.appendFixed(now, digits: 2, to: &out)
        when(&out, true)
        NumberText.append(" vs ", to: &out)
        NumberText.appendFixed(before, digits: 2, to: &out)
        when(&out, false)
        appendChange(now: now, before: before, to: &out)
    }

    /// The end of a trend's sentence: " (new revenue)" when there was none before (a trend
    /// reading is made only when now > 0 then), else the change now ÷ before − 1.
    private static func appendChange(now: Double, before: Double, to out: inout [UInt8]) {
        if before <= 0 { return NumberText.append(" (new revenue)", to: &out) }
        NumberText.append(" (", to: &out)
        NumberText.appendSignedPercent(now / before - 1, to: &out)
        out.append(UInt8(ascii: ")"))
    }

    private static func appendAgo(_ days: Int, to out: inout [UInt8]) {
        if days == 0 { return NumberText.append("today", to: &out) }
        NumberText.appendCount(days, "day", "days", to: &out)
        NumberText.append(" ago", to: &out)
    }
}
