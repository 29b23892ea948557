import Foundation
import Testing
import Validation
@testable import Publishing

@Suite struct ReportArchiveTests {
    func metrics(_ title: String, asOf: String, _ headline: [(String, String)]) -> [UInt8] {
        let members = headline.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ")
        return Array("{\"title\": \"\(title)\", \"as_of\": \"\(asOf)\", \"version\": 1, \"headline\": {\(members)}}".utf8)
    }

    /// The `<ol>` of the index, where the entries are.
    func archiveList(_ folder: ScratchFolder) -> String {
        let index = folder.read("index.html") ?? ""
        guard let start = index.range(of: "<ol class=\"archive\">\n"), let end = index.range(of: "</ol>") else { return index }
        return String(index[start.upperBound..<end.lowerBound])
    }

    @Test func twoPeriodsAreListedNewestFirstWithHeadlineKPIs() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let archive = ReportArchive()
        // W47 is published first but is newer (as of 2026-11-22) than W46 (2026-11-15).
        try archive.publish(report: Array(validReport("W47").utf8),
                            metricsJSON: metrics("Acme retention", asOf: "2026-11-22", [("Active customers", "1,204"), ("MRR", "$84,120")]),
                            periodLabel: "2026-W47", into: folder.path)
        let labels = try archive.publish(report: Array(validReport("W46").utf8),
                                         metricsJSON: metrics("Acme retention", asOf: "2026-11-15", [("Active customers", "1,187"), ("MRR", "$83,050")]),
                                         periodLabel: "2026-W46", into: folder.path)

        #expect(labels == ["2026-W47", "2026-W46"])
        #expect(folder.names() == [".retention.lock", "2026-W46", "2026-W47", "index.html"])
        #expect(folder.names(in: "2026-W47") == ["index.html", "metrics.json"])
        #expect(folder.read("2026-W46/index.html") == validReport("W46"))
        #expect(archiveList(folder) == """
            <li>
            <h2><a href="2026-W47/index.html">Acme retention</a></h2>
            <p class="meta">Period 2026-W47 · as of 2026-11-22 · <a href="2026-W47/metrics.json">metrics.json</a></p>
            <dl class="kpis">
            <div><dt>Active customers</dt><dd>1,204</dd></div>
            <div><dt>MRR</dt><dd>$84,120</dd></div>
            </dl>
            </li>
            <li>
            <h2><a href="2026-W46/index.html">Acme retention</a></h2>
            <p class="meta">Period 2026-W46 · as of 2026-11-15 · <a href="2026-W46/metrics.json">metrics.json</a></p>
            <dl class="kpis">
            <div><dt>Active customers</dt><dd>1,187</dd></div>
            <div><dt>MRR</dt><dd>$83,050</dd></div>
            </dl>
            </li>

            """)
        let index = folder.read("index.html") ?? ""
        #expect(index.contains("<p class=\"lede\">2 published reports, newest first.</p>"))
        // The report's landmarks: everything in the body is inside header, main or footer.
        #expect(index.contains("<body>\n<header>\n<h1>Retention reports</h1>\n<p class=\"lede\">2 published reports, newest first.</p>\n</header>\n<main>\n<ol class=\"archive\">\n"))
        #expect(index.hasSuffix("</ol>\n</main>\n<footer>\n<p class=\"lede\">Each report is validated before it is published.</p>\n</footer>\n</body>\n</html>\n"))
    }

    @Test func indexPageIsValidPolyglotHTMLWithRelativeLinksOnly() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        try ReportArchive().publish(report: Array(validReport("W47").utf8),
                                    metricsJSON: metrics("Q&A <\\\"quoted\\\">", asOf: "2026-11-22", [("Churn & <risk>", "4.1%")]),
                                    periodLabel: "2026-W47", into: folder.path)
        let index = folder.file("index.html")
        #expect(ReportValidator().validate(fileAt: index) == [])
        // Its links are navigation to files that exist: without the period folder they break.
        try FileManager.default.removeItem(atPath: folder.file("2026-W47"))
        #expect(ReportValidator().validate(fileAt: index).map(\.rule) == ["broken-link", "broken-link"])
        let list = archiveList(folder)
        #expect(list.contains("<h2><a href=\"2026-W47/index.html\">Q&amp;A &lt;&quot;quoted&quot;&gt;</a></h2>"))
        #expect(list.contains("<div><dt>Churn &amp; &lt;risk&gt;</dt>"))
    }

    @Test func republishingAPeriodReplacesThatPeriodOnly() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let archive = ReportArchive()
        try archive.publish(report: Array(validReport("W46").utf8),
                            metricsJSON: metrics("Acme", asOf: "2026-11-15", [("MRR", "$83,050")]),
                            periodLabel: "2026-W46", into: folder.path)
        try archive.publish(report: Array(validReport("W47").utf8),
                            metricsJSON: metrics("Acme", asOf: "2026-11-22", [("MRR", "$84,120")]),
                            periodLabel: "2026-W47", into: folder.path)
        let w47Report = folder.read("2026-W47/index.html")
        let w47Metrics = folder.read("2026-W47/metrics.json")

        try archive.publish(report: Array(validReport("W46 corrected").utf8),
                            metricsJSON: metrics("Acme", asOf: "2026-11-15", [("MRR", "$83,100")]),
                            periodLabel: "2026-W46", into: folder.path)

        #expect(folder.read("2026-W46/index.html") == validReport("W46 corrected"))
        #expect(folder.read("2026-W46/metrics.json")?.contains("$83,100") == true)
        #expect(folder.read("2026-W47/index.html") == w47Report)
        #expect(folder.read("2026-W47/metrics.json") == w47Metrics)
        let list = archiveList(folder)
        #expect(list.contains("$83,100") && !list.contains("$83,050"))
        #expect(list.components(separatedBy: "<li>").count == 3)
        #expect(list.range(of: "2026-W47")!.lowerBound < list.range(of: "2026-W46")!.lowerBound)
    }

    @Test func metricsOutsideTheContractAreRejectedBeforeAnythingIsWritten() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        #expect {
            try ReportArchive().publish(report: Array(validReport("W47").utf8),
                                        metricsJSON: Array("{\"title\": \"Acme\", \"as_of\": \"22/11/2026\", \"headline\": {}}".utf8),
                                        periodLabel: "2026-W47", into: folder.path)
        } throws: { error in
            "\(error)" == "\(folder.path)/2026-W47/metrics.json: error: \"as_of\" must be a day written yyyy-MM-dd"
        }
        #expect {
            try ReportArchive().publish(report: Array(validReport("W47").utf8),
                                        metricsJSON: Array("{\"title\": \"Acme\",\n \"as_of\" \"2026-11-22\"}".utf8),
                                        periodLabel: "2026-W47", into: folder.path)
        } throws: { error in
            "\(error)" == "\(folder.path)/2026-W47/metrics.json: error: 2:10: expected ':' after member name"
        }
        #expect(folder.names() == [])
    }

    @Test func periodLabelMustBeAPlainFolderName() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        #expect(throws: PublishingError.invalidPeriodLabel("../2026-W47")) {
            try ReportArchive().publish(report: Array(validReport("W47").utf8),
                                        metricsJSON: metrics("Acme", asOf: "2026-11-22", []),
                                        periodLabel: "../2026-W47", into: folder.path)
        }
        #expect(ReportArchive.isPeriodLabel("2026-Q4") && ReportArchive.isPeriodLabel("2026-11-22"))
        #expect(!ReportArchive.isPeriodLabel(".hidden") && !ReportArchive.isPeriodLabel("a/b") && !ReportArchive.isPeriodLabel(""))
    }

    @Test func anOlderPeriodWithUnreadableMetricsIsStillListed() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("2026-W40"), withIntermediateDirectories: false)
        folder.write("2026-W40/index.html", validReport("W40"))
        folder.write("2026-W40/metrics.json", "{\"title\": 3}")
        try ReportArchive().publish(report: Array(validReport("W47").utf8),
                                    metricsJSON: metrics("Acme", asOf: "2026-11-22", []),
                                    periodLabel: "2026-W47", into: folder.path)
        let list = archiveList(folder)
        #expect(list.hasSuffix("""
            <li>
            <h2><a href="2026-W40/index.html">Report 2026-W40</a></h2>
            <p class="meta problem">Period 2026-W40 · its metrics.json could not be read: &quot;title&quot; must be a non-empty string</p>
            </li>

            """))
    }

    @Test func invalidReportIsNotArchived() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        #expect(throws: PublishingError.self) {
            try ReportArchive().publish(report: Array("<html><script>x()</script></html>".utf8),
                                        metricsJSON: metrics("Acme", asOf: "2026-11-22", []),
                                        periodLabel: "2026-W47", into: folder.path)
        }
        // The rejected render is kept beside the period (which is not created), nothing else.
        #expect(folder.names() == [".retention.lock", "2026-W47.invalid.html"])
        #expect(!folder.exists("index.html"))
    }

    @Test func jsonReaderKeepsMemberOrderAndDecodesEscapes() throws {
        let json = try JSONReader.parse(Array(#"{"b": "\u00e9\n", "a": [1, -2.5e3, true, null], "c": "\ud83d\ude00"}"#.utf8))
        #expect(json == .object([("b", .string("é\n")), ("a", .array([.number("1"), .number("-2.5e3"), .bool(true), .null])),
                                 ("c", .string("😀"))]))
    }
}
