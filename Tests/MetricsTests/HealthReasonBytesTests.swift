import Testing
import Model
@testable import Metrics

/// `HealthReason.append(to:)` (the writers' byte path) writes exactly `text`'s UTF-8 bytes for
/// every kind of reason, and both are the sentences worked out by hand.
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
    @Test func bytesEqualTextAtTheEdges() {
        let edges: [HealthReason] = [
            .mrrTrend(now: -12.345, before: -0.004, on: Day(ordinal: -400_000), then: Day(ordinal: -800_000)),
            .mrrTrend(now: 1e17, before: .infinity, on: Day(ordinal: 0), then: Day(ordinal: 2_932_896)),
            .revenueTrend(recent: .nan, previous: 3, days: 0),
            .revenueTrend(recent: 0.125, previous: 7, days: 1),
            .lastOrder(daysAgo: -3, usualGap: 1e300),
            .nps(score: -1, day: Day(ordinal: -1)),
            .tenure(days: Int.max),
            .openTickets(Int.min),
        ]
        for reason in edges {
            #expect(Self.bytes(reason) == Array(reason.text.utf8), "\(reason.text)")
        }
        #expect(Self.bytes(.mrrTrend(now: -12.345, before: -0.004, on: Day(ordinal: -400_000), then: Day(ordinal: -800_000)))
            .starts(with: Array("MRR −12.3".utf8)))
    }
}
