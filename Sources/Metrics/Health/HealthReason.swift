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

    /// The most bytes a sentence takes: a revenue trend's, "revenue " (8) + amount (at most 26:
    /// ``NumberText/fixedBound`` + 2) + " in the last " (13) + days (at most 20) + " days" (5)
    /// + " vs " (4) + amount (26) + " in the " (8) + days (20) + " before" (7) + " (" (2) +
    /// percentage (at most 28) + ")" (1) = 168; an MRR trend's dates take at most 14 bytes each.
    static let sentenceBound = 168

    /// Appends the sentence's UTF-8 bytes to `out` without building a String (the customers CSV
    /// writes a reason per rule per scored customer): the pieces go straight into bytes reserved
    /// for the whole sentence.
    func append(to out: inout [UInt8]) {
        if case .unexplained = self { return }
        TextCursor.append(to: &out, bound: Self.sentenceBound) { write(to: &$0) }
    }

    private func write(to out: inout TextCursor) {
        switch self {
        case .unexplained:
            return
        case .nps(let score, let day):
            out.write("latest NPS ")
            out.writeDecimal(Int(score))
            out.write(score >= 9 ? " (promoter) on " : score >= 7 ? " (passive) on " : " (detractor) on ")
            NumberText.appendDay(day, to: &out)
        case .csat(let score, let day):
            out.write("latest CSAT ")
            out.writeDecimal(Int(score))
            out.write(" of 5 on ")
            NumberText.appendDay(day, to: &out)
        case .rating(let good, let day):
            out.write(good ? "latest rating good on " : "latest rating bad on ")
            NumberText.appendDay(day, to: &out)
        case .openTickets(let open):
            if open == 0 { return out.write("no open tickets") }
            NumberText.appendCount(open, "open ticket", "open tickets", to: &out)
        case .overdueTickets(let overdue):
            if overdue == 0 { return out.write("no overdue tickets") }
            NumberText.appendCount(overdue, "ticket", "tickets", to: &out)
            out.write(" open beyond the resolution target")
        case .mrrTrend(let now, let before, let day, let then):
            Self.writeTrend("MRR ", now: now, before: before, to: &out) { out, isNow in
                out.write(" on ")
                NumberText.appendDay(isNow ? day : then, to: &out)
            }
        case .revenueTrend(let recent, let previous, let days):
            Self.writeTrend("revenue ", now: recent, before: previous, to: &out) { out, isNow in
                out.write(isNow ? " in the last " : " in the ")
                out.writeDecimal(days)
                out.write(isNow ? " days" : " before")
            }
        case .login(let days):
            out.write("last login ")
            Self.writeAgo(days, to: &out)
        case .lastOrder(let days, let usual):
            out.write("last order ")
            Self.writeAgo(days, to: &out)
            out.write("; usually every ")
            NumberText.appendFixed(usual, digits: usual == usual.rounded() ? 0 : 1, to: &out)
            out.write(" days")
        case .tenure(let days):
            out.write("customer for ")
            NumberText.appendCount(days, "day", "days", to: &out)
        }
    }

    /// A trend's sentence: `label`, `now` with its `when` (`isNow` true), " vs ", `before` with
    /// its `when` (`isNow` false), then the change (`writeChange`).
    private static func writeTrend(_ label: StaticString, now: Double, before: Double, to out: inout TextCursor,
                                   when: (_ out: inout TextCursor, _ isNow: Bool) -> Void) {
        out.write(label)
        NumberText.appendFixed(now, digits: 2, to: &out)
        when(&out, true)
        out.write(" vs ")
        NumberText.appendFixed(before, digits: 2, to: &out)
        when(&out, false)
        writeChange(now: now, before: before, to: &out)
    }

    /// The end of a trend's sentence: " (new revenue)" when there was none before (a trend
    /// reading is made only when now > 0 then), else the change now ÷ before − 1.
    private static func writeChange(now: Double, before: Double, to out: inout TextCursor) {
        if before <= 0 { return out.write(" (new revenue)") }
        out.write(" (")
        NumberText.appendSignedPercent(now / before - 1, to: &out)
        out.write(UInt8(ascii: ")"))
    }

    private static func writeAgo(_ days: Int, to out: inout TextCursor) {
        if days == 0 { return out.write("today") }
        NumberText.appendCount(days, "day", "days", to: &out)
        out.write(" ago")
    }
}
