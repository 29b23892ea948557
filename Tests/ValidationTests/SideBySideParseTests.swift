import Testing
@testable import Validation

/// The two parsers run side by side for a report-sized document and one after the other for a
/// small one; the findings must not depend on it.
@Suite struct SideBySideParseTests {
    /// Broken documents of every kind: well-formed with rule findings (the XML tree's rules),
    /// not well-formed (the HTML parser's tree, built by its second parse), HTML parser errors.
    static let broken: [[UInt8]] = [
        PolyglotDocument.replacing(" alt=\"\"", with: ""),
        PolyglotDocument.replacing("<br />", with: "<br>"),
        PolyglotDocument.replacing(" lang=\"en\" xml:lang=\"en\"", with: ""),
        PolyglotDocument.replacing("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\" />",
                                   with: "<img src=\"https://example.com/x.png\" alt=\"\" onclick=\"x()\">"),
        PolyglotDocument.replacing("<p><a href=\"#kpi\">", with: "<p><a href=\"#nowhere\"><sectoin>&nbsp;"),
        Array("<html><body><p>&nbsp;<sectoin></body><br></html>".utf8),
        [],
    ]

    @Test func findingsAreTheSameSideBySideAndOneAfterTheOther() {
        for html in Self.broken {
            let alone = ReportValidator().validate(html: html, path: "r.html", sideBySide: false)
            let together = ReportValidator().validate(html: html, path: "r.html", sideBySide: true)
            #expect(together == alone)
            #expect(!alone.isEmpty, "\(String(decoding: html, as: UTF8.self))")
        }
        #expect(ReportValidator().validate(html: Array(PolyglotDocument.valid.utf8), path: "r.html", sideBySide: true).isEmpty)
    }

    /// A not well-formed document: its rules ran on the HTML parser's tree (the `<br>` that XML
    /// rejects is fine there) and its HTML messages came from the parse without a tree; a
    /// missing `alt` is still found, at its start tag.
    @Test func notWellFormedDocumentIsCheckedOnTheHTMLTree() {
        let html = Array(PolyglotDocument.valid.replacing("<br />", with: "<br>")
            .replacing(" alt=\"\" />", with: ">").utf8)
        for sideBySide in [false, true] {
            let findings = ReportValidator().validate(html: html, path: "r.html", sideBySide: sideBySide)
            #expect(findings.contains { $0.rule == "xml" })
            #expect(findings.filter { $0.rule == "img-alt" }.map { "\($0.line):\($0.column)" } == ["14:1"])
        }
    }

    /// A report-sized document (above the side-by-side threshold): the public entry point runs
    /// the parsers side by side and finds what one after the other finds, at the same places.
    @Test func largeDocumentGivesTheSameFindings() {
        let filler = String(repeating: "<p>Customers active on the last day of the period.</p>\n", count: 800)
        let text = PolyglotDocument.valid.replacing("<br />", with: filler + "<br /><img src=\"x.png\" />")
        let html = Array(text.utf8)
        #expect(html.count >= ReportValidator.sideBySideMinimumBytes)
        let findings = ReportValidator().validate(html: html, path: "r.html")
        #expect(findings == ReportValidator().validate(html: html, path: "r.html", sideBySide: false))
        #expect(findings.map(\.rule).contains("img-alt"))
    }

    /// The two jobs' results come back in their places, whichever finishes first.
    @Test func sideBySideReturnsBothResults() {
        let (a, b) = SideBySide.run({ (0..<100_000).reduce(0, +) }, { "b" })
        #expect(a == 4_999_950_000 && b == "b")
    }
}
