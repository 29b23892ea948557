import Foundation
import Testing
@testable import RetentionCLI

/// What reaches a terminal from the data is escaped, and bounded.
@Suite struct TerminalSafetyTests {
    @Test func escapeCodesInValuesAreShownNotObeyed() {
        let dir = Harness.temporaryDirectory("terminal-escapes")
        let path = dir + "/customers.csv"
        Harness.write("Customer ID,Company Name,Created Date,Last Login\n"
            + "C1,\u{1B}[2JAcme\u{1B}]8;;http://evil.example\u{07},2026-01-05,\u{1B}[31mred\n"
            + "C2,Birch,2026-02-10,2026-03-01\n", to: path)
        let inspected = Harness.run(["inspect", path])
        #expect(inspected.status == .success, "\(inspected.err)")
        #expect(!inspected.out.contains("\u{1B}") && !inspected.out.contains("\u{07}"))
        #expect(inspected.out.contains("\\x1b[2JAcme\\x1b]8;;http://evil.example\\x07 | Birch"))
        let out = Harness.temporaryDirectory("terminal-escapes-out") + "/r.html"
        // (Whether the report itself accepts the control characters is the escaper's business;
        // here only what reaches the terminal matters.)
        let run = Harness.run(["report", "--customers", path, "--out", out, "--as-of", "2026-03-31"])
        #expect(!run.err.contains("\u{1B}"))
        #expect(run.err.contains("\(path): warning: 1 row had an unreadable \"Last Login\" (first on line 2: "
            + "\"\\x1b[31mred\"); the value was left empty\n"))
    }

    @Test func aHugeValueDoesNotFloodStandardError() {
        let dir = Harness.temporaryDirectory("terminal-flood")
        let path = dir + "/customers.csv"
        let long = String(repeating: "9", count: 100_000)
        Harness.write("Customer ID,Created Date,Last Login\nC1,2026-01-05,\(long)\n", to: path)
        let out = Harness.temporaryDirectory("terminal-flood-out") + "/r.html"
        let run = Harness.run(["report", "--customers", path, "--out", out, "--as-of", "2026-03-31"])
        #expect(run.status == .success, "\(run.err)")
        let full = "\(path): warning: 1 row had an unreadable \"Last Login\" (first on line 2: \"\(long)\"); the value was left empty"
        #expect(run.err == String(full.prefix(500)) + "… (\(full.count - 500) more characters)\n")
    }

    @Test func inspectCutsHugeSamples() {
        let dir = Harness.temporaryDirectory("inspect-huge")
        let path = dir + "/customers.csv"
        Harness.write("Customer ID,Company Name,Created Date\nC1," + String(repeating: "A", count: 50_000) + ",2026-01-05\n", to: path)
        let run = Harness.run(["inspect", path])
        #expect(run.status == .success)
        // Every line at most 500 characters plus the note.
        for line in run.out.split(separator: "\n") { #expect(line.count <= 500 + "… (99999 more characters)".count) }
        #expect(run.out.contains("more characters)"))
    }
}
