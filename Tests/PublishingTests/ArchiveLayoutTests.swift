import Testing
@testable import Publishing

@Suite struct ArchiveLayoutTests {
    @Test func pathsOfAPeriodAndTheIndex() {
        let layout = ArchiveLayout(directory: "intranet/retention")
        #expect(layout.indexPath == "intranet/retention/index.html")
        #expect(layout.periodFolder("2026-W47") == "intranet/retention/2026-W47")
        #expect(layout.reportPath("2026-W47") == "intranet/retention/2026-W47/index.html")
        #expect(layout.metricsPath("2026-W47") == "intranet/retention/2026-W47/metrics.json")
        #expect(layout.rejectedReportPath("2026-W47") == "intranet/retention/2026-W47.invalid.html")
        #expect(layout.lockPath == "intranet/retention/.retention.lock")
    }

    /// One trailing slash is dropped, so `archive/` and `archive` name the same files; `/` stays the root.
    @Test func aTrailingSlashIsDroppedOnce() {
        #expect(ArchiveLayout(directory: "archive/") == ArchiveLayout(directory: "archive"))
        #expect(ArchiveLayout(directory: "archive/").metricsPath("2026-11") == "archive/2026-11/metrics.json")
        #expect(ArchiveLayout(directory: "/").root == "/")
    }
}
