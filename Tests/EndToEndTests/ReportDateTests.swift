import Foundation
import Synchronization
import Testing
@testable import RetentionCLI
import Model

/// The report date: a mistyped year in the data never moves it, the clock is read only without
/// `--as-of`, and an as-of far from the data is refused instead of filling memory.
@Suite struct ReportDateTests {
    /// Three customers, five invoices in 2026 (the last on 2026-11-10), an invoice typed as
    /// 9999-12-31 and a ticket typed as 3026-11-20.
    static func exports() -> String {
        let dir = Harness.temporaryDirectory("report-date")
        Harness.write("""
            Customer ID,Company Name,Created Date
            C1,Acme,2026-01-05
            C2,Birch,2026-02-10
            C3,Cedar,2026-03-15

            """, to: dir + "/customers.csv")
        Harness.write("""
            Invoice ID,Customer ID,Date,Amount,Currency,Status
            I1,C1,2026-01-05,100.00,USD,paid
            I2,C2,2026-02-10,100.00,USD,paid
            I3,C3,2026-03-15,100.00,USD,paid
            I4,C1,2026-06-05,100.00,USD,paid
            I5,C2,2026-11-10,100.00,USD,paid
            I6,C3,9999-12-31,100.00,USD,paid

            """, to: dir + "/invoices.csv")
        Harness.write("""
            Ticket ID,Customer ID,Created At,Solved At,Priority,Status
            T1,C1,2026-04-01 09:00:00,2026-04-01 11:00:00,normal,solved
            T2,C2,3026-11-20 09:00:00,,normal,open

            """, to: dir + "/tickets.csv")
        return dir
    }

    @Test func eventDatesAfterTodayAreSkippedAsFutureDateAndDoNotMoveTheReport() throws {
        let input = Self.exports()
        let out = Harness.temporaryDirectory("report-date-out")
        let run = Harness.run(["report", "--input", input, "--out", out + "/r.html", "--metrics-json", out + "/m.json"])
        #expect(run.status == .success, "\(run.err)")
        // Today is 2026-11-27 (Harness.fixedNow): the last event not after it is I5 on 2026-11-10.
        let json = Harness.read(out + "/m.json")
        #expect(json.contains("\"as_of\": \"2026-11-10\""))
        #expect(run.err.contains("\(input)/invoices.csv: warning: 1 of 6 rows skipped (future_date: 1)"))
        #expect(run.err.contains("\(input)/tickets.csv: warning: 1 of 2 rows skipped (future_date: 1)"))
        // The appendix names each one, with its line.
        let html = Harness.read(out + "/r.html")
        #expect(html.contains("<li><strong>1</strong> skipped: future date\n<ul><li><code>\(input)/invoices.csv:7:7</code> "
            + "date &quot;9999-12-31&quot; in column &quot;Date&quot; is after today (2026-11-27)</li></ul>"))
        #expect(html.contains("<code>\(input)/tickets.csv:3:7</code> date &quot;3026-11-20 09:00:00&quot; in column "
            + "&quot;Created At&quot; is after today (2026-11-27)"))
    }

    @Test func withAsOfTheClockIsNeverReadAndLaterRowsAreNotFlagged() throws {
        let input = Self.exports()
        let out = Harness.temporaryDirectory("report-date-asof")
        let reads = Atomic<Int>(0)
        let captured = CapturedConsole()
        _ = Harness.templates
        let status = RetentionCommandLine.run(["report", "--input", input, "--out", out + "/r.html", "--as-of", "2026-11-20",
                                               "--metrics-json", out + "/m.json"],
                                              console: captured.console,
                                              clock: { reads.add(1, ordering: .relaxed); return Harness.fixedNow })
        // The 9999-12-31 invoice stays in the data (after as-of, it changes no number) and no
        // longer crashes the period arithmetic.
        #expect(status == .success, "\(captured.err)")
        #expect(reads.load(ordering: .relaxed) == 0)
        #expect(!captured.err.contains("future_date"))
        #expect(Harness.read(out + "/m.json").contains("\"as_of\": \"2026-11-20\""))
    }

    @Test func anAsOfFarFromTheDataIsRefusedWithTheLimit() throws {
        let input = Self.exports()
        let out = Harness.temporaryDirectory("report-date-far") + "/r.html"
        // With --as-of there is no clock and no future_date: the last record is the 9999-12-31
        // invoice, so 3000-01-01 is not "after the data"; the span from the first record
        // (C1's signup, 2026-01-05) is what is refused.
        for (asOf, expected) in [
            ("2025-12-31", "retention: error: --as-of 2025-12-31 is before the first record in the data (2026-01-05); "
                + "give a date from 2026-01-05 on\n"),
            // 2026-01-05 … 3000-01-01: 974 years of months = 11 689 periods (Jan 2026 = index 24 312,
            // Jan 3000 = 36 000; 36 000 − 24 312 + 1).
            ("3000-01-01", "retention: error: the report would span 11689 months, from the first record (2026-01-05) "
                + "to 3000-01-01; at most 2000 fit in a report: choose a longer --period or check the earliest dates in the data\n"),
        ] {
            let run = Harness.run(["report", "--input", input, "--out", out, "--as-of", asOf])
            #expect(run.status != .success, "\(asOf)")
            #expect(Harness.errors(run.err) == expected, "\(asOf)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }

    @Test func anAsOfLongAfterTheLastRecordIsRefused() throws {
        let dir = Harness.temporaryDirectory("report-date-after")
        Harness.write("Customer ID,Created Date\nC1,2020-01-01\nC2,2026-11-10\n", to: dir + "/customers.csv")
        let out = Harness.temporaryDirectory("report-date-after-out") + "/r.html"
        // Days after 2026-11-10 (Python: (date(9999, 12, 31) - date(2026, 11, 10)).days, …);
        // 2036-11-11 is one day past the limit of 3 653.
        for (asOf, days) in [("9999-12-31", 2_912_129), ("5000-01-01", 1_085_918), ("2036-11-11", 3_654)] {
            let run = Harness.run(["report", "--input", dir, "--out", out, "--as-of", asOf])
            #expect(run.status == .usage, "\(asOf)")
            #expect(Harness.errors(run.err) == "retention: error: --as-of \(asOf) is \(days) days after the last record "
                + "in the data (2026-11-10); the report date may be at most 3653 days (ten years) after it\n")
        }
    }

    @Test func aReportSpanningTooManyPeriodsIsRefused() throws {
        let dir = Harness.temporaryDirectory("report-date-span")
        Harness.write("Customer ID,Created Date\nC1,2010-01-01\nC2,2026-11-10\n", to: dir + "/customers.csv")
        let out = Harness.temporaryDirectory("report-date-span-out") + "/r.html"
        // 2010-01-01 → 2026-11-10 is 6 157 days, so 6 158 day periods (both ends included).
        let run = Harness.run(["report", "--input", dir, "--out", out, "--period", "day"])
        #expect(run.status == .inputError)
        #expect(Harness.errors(run.err) == "retention: error: the report would span 6158 days, from the first record "
            + "(2010-01-01) to 2026-11-10; at most 2000 fit in a report: choose a longer --period or check the earliest dates in the data\n")
    }
}
