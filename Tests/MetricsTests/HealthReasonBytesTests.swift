import Testing
import Model
@testable import Metrics

/// `HealthReason.append(to:)` (the writers' byte path) and `text` give the sentences worked out
/// by hand, for every kind of reason and at the edges.
@Suite struct HealthReasonBytesTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func bytes(_ reason: HealthReason) -> [UInt8] {
        var out: [UInt8] = [0x21]  // appends after what is already there
        reason.append(to: &out)
        return Array(out.dropFirst())
    }

    /// Reasons with the sentence expected, by hand.
    static let written: [(HealthReason, String)] = [
        (.unexplained, ""),
        (.nps(score: 4, day: day("2024-03-02")), "latest NPS 4 (detractor) on 2024-03-02"),
        (.nps(score: 7, day: day("2024-11-20")), "latest NPS 7 (passive) on 2024-11-20"),
        (.nps(score: 10, day: day("2024-02-01")), "latest NPS 10 (promoter) on 2024-02-01"),
        (.nps(score: 0, day: day("1999-12-31")), "latest NPS 0 (detractor) on 1999-12-31"),
        (.csat(score: 3, day: day("2024-03-02")), "latest CSAT 3 of 5 on 2024-03-02"),
        (.rating(good: true, day: day("2024-03-02")), "latest rating good on 2024-03-02"),
        (.rating(good: false, day: day("2024-01-09")), "latest rating bad on 2024-01-09"),
        (.openTickets(0), "no open tickets"),
        (.openTickets(1), "1 open ticket"),
        (.openTickets(12), "12 open tickets"),
        (.overdueTickets(0), "no overdue tickets"),
        (.overdueTickets(1), "1 ticket open beyond the resolution target"),
        (.overdueTickets(3), "3 tickets open beyond the resolution target"),
        // 950 ÷ 1000 − 1 = −0.05 → "−5.0 %" (U+2212 minus).
        (.mrrTrend(now: 950, before: 1000, on: day("2024-03-31"), then: day("2023-12-31")),
         "MRR 950.00 on 2024-03-31 vs 1000.00 on 2023-12-31 (−5.0 %)"),
        // 1100 ÷ 1000 − 1 = 0.1 → "+10.0 %"; 1099.999 rounds to 1100.00.
        (.mrrTrend(now: 1099.999, before: 999.995, on: day("2024-03-31"), then: day("2023-12-31")),
         "MRR 1100.00 on 2024-03-31 vs 1000.00 on 2023-12-31 (+10.0 %)"),
        (.mrrTrend(now: 500, before: 500, on: day("2024-03-31"), then: day("2023-12-31")),
         "MRR 500.00 on 2024-03-31 vs 500.00 on 2023-12-31 (0.0 %)"),
        (.mrrTrend(now: 80.5, before: 0, on: day("2024-03-31"), then: day("2023-12-31")),
         "MRR 80.50 on 2024-03-31 vs 0.00 on 2023-12-31 (new revenue)"),
        (.revenueTrend(recent: 300, previous: 0, days: 90),
         "revenue 300.00 in the last 90 days vs 0.00 in the 90 before (new revenue)"),
        // 150 ÷ 600 − 1 = −0.75 → "−75.0 %".
        (.revenueTrend(recent: 150, previous: 600, days: 30),
         "revenue 150.00 in the last 30 days vs 600.00 in the 30 before (−75.0 %)"),
        (.login(daysAgo: 0), "last login today"),
        (.login(daysAgo: 1), "last login 1 day ago"),
        (.login(daysAgo: 6), "last login 6 days ago"),
        (.lastOrder(daysAgo: 11, usualGap: 30), "last order 11 days ago; usually every 30 days"),
        (.lastOrder(daysAgo: 0, usualGap: 12.5), "last order today; usually every 12.5 days"),
        // 12.25 to one decimal, half away from zero: 122.5 → 123 → "12.3".
        (.lastOrder(daysAgo: 1, usualGap: 12.25), "last order 1 day ago; usually every 12.3 days"),
        (.tenure(days: 1), "customer for 1 day"),
        (.tenure(days: 400), "customer for 400 days"),
    ]

    @Test func bytesAreTheSentenceWorkedOutByHand() {
        for (reason, sentence) in Self.written {
            #expect(reason.text == sentence)
            #expect(Self.bytes(reason) == Array(sentence.utf8), "\(sentence)")
        }
    }

    /// Edge values where the texts take their other branches: a negative amount (U+2212), one
    /// that rounds to zero (no sign), amounts too large for fixed digits and not finite
    /// (Swift's own form), years below 1000 (zero-padded) and before year 0 ("-" + 4 digits).
    @Test func edgesTakeTheirOwnBranches() {
        let edges: [(HealthReason, String)] = [
            // −12.345 × 100 rounds away from zero to 1235 → "−12.35"; −0.004 rounds to 0 → "0.00",
            // and a "before" ≤ 0 reads as new revenue. Day −400 000 is 0874-11-02, −800 000 is
            // 222 BC (year −221 in ISO 8601's numbering).
            (.mrrTrend(now: -12.345, before: -0.004, on: Day(ordinal: -400_000), then: Day(ordinal: -800_000)),
             "MRR −12.35 on 0874-11-02 vs 0.00 on -0221-09-04 (new revenue)"),
            // 1e17 × 100 ≥ 9e15 → Swift's "1e+17"; 1e17 ÷ ∞ − 1 = −1 → "−100.0 %".
            (.mrrTrend(now: 1e17, before: .infinity, on: Day(ordinal: 0), then: Day(ordinal: 2_932_896)),
             "MRR 1e+17 on 1970-01-01 vs inf on 9999-12-31 (−100.0 %)"),
            (.revenueTrend(recent: .nan, previous: 3, days: 0),
             "revenue nan in the last 0 days vs 3.00 in the 0 before (nan %)"),
            // 12.5 rounds away from zero → "0.13"; 0.125 ÷ 7 − 1 = −0.98214… → "−98.2 %".
            (.revenueTrend(recent: 0.125, previous: 7, days: 1),
             "revenue 0.13 in the last 1 days vs 7.00 in the 1 before (−98.2 %)"),
            (.lastOrder(daysAgo: -3, usualGap: 1e300), "last order -3 days ago; usually every 1e+300 days"),
            (.nps(score: -1, day: Day(ordinal: -1)), "latest NPS -1 (detractor) on 1969-12-31"),
            (.tenure(days: Int.max), "customer for 9223372036854775807 days"),
            (.openTickets(Int.min), "-9223372036854775808 open tickets"),
        ]
        for (reason, sentence) in edges {
            #expect(Self.bytes(reason) == Array(sentence.utf8), "\(sentence)")
            #expect(reason.text == sentence)
        }
    }
}
