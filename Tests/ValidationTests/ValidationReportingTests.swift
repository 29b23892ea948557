import Testing
@testable import Validation

@Suite struct ValidationReportingTests {
    @Test func findingDescriptionIsCompilerStyle() {
        let finding = ValidationFinding(path: "out/report.html", line: 12, column: 3, rule: "img-alt", message: "m")
        #expect(finding.description == "out/report.html:12:3: error: [img-alt] m")
    }

    @Test func jsonIsDeterministicAndEscaped() {
        let findings = [
            ValidationFinding(path: "a \"b\".html", line: 1, column: 2, rule: "xml", message: "tab\there\\ and é"),
            ValidationFinding(path: "a.html", line: 3, column: 4, rule: "lang", message: "bell\u{07}"),
        ]
        #expect(ReportValidator.json(findings) == """
            [
              {"path": "a \\"b\\".html", "line": 1, "column": 2, "rule": "xml", "message": "tab\\there\\\\ and é"},
              {"path": "a.html", "line": 3, "column": 4, "rule": "lang", "message": "bell\u{FFFD}"}
            ]
            """)
        #expect(ReportValidator.json([]) == "[]")
    }

    @Test func unreadableFileIsOneIOFinding() {
        #expect(ReportValidator().validate(fileAt: "/nonexistent/r.html").map(\.description) == [
            "/nonexistent/r.html:1:1: error: [io] cannot read the file: No such file or directory",
        ])
    }

    @Test func emptyDocumentIsReportedNotCrashed() {
        #expect(ReportValidator().validate(html: [], path: "e.html").map(\.description) == [
            "e.html:1:1: error: [charset] no <meta charset=\"utf-8\"> in the document; add it as the first element of <head>",
            "e.html:1:1: error: [doctype] the file does not start with <!DOCTYPE html>; browsers would render it in quirks mode",
            "e.html:1:1: error: [lang] the root element is not <html>, so the document has no language",
            "e.html:1:1: error: [title] no <title> in <head>; give the report a title",
            "e.html:1:1: error: [xml] Document is empty",
        ])
    }

    @Test func validatesConcurrentlyWithTheSameResults() async {
        let html = PolyglotDocument.replacing(" alt=\"\"", with: "")
        let expected = ReportValidator().validate(html: html, path: "r.html")
        let results = await withTaskGroup(of: [ValidationFinding].self) { group in
            for _ in 0..<8 { group.addTask { ReportValidator().validate(html: html, path: "r.html") } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.count == 1)
    }

    @Test func srcsetCandidatesKeepCommasInsideDataURLs() {
        #expect(URLReference.srcsetURLs("data:image/png;base64,AA== 1x, b.png 2x,c.png") == [
            "data:image/png;base64,AA==", "b.png", "c.png",
        ])
    }

    @Test func cssReferencesFindURLsAndImports() {
        let css = CSSReferences("@import 'a.css'; x { background: URL( \"b.png\" ) } y { mask: url(#m) } z { --my-url(c) }")
        #expect(css.imports == ["a.css"])
        #expect(css.urls == ["b.png", "#m"])
    }

    @Test func urlClassification() {
        #expect(URLReference.classify("#top", allowsMailto: false) == .local)
        #expect(URLReference.classify(" DATA:image/svg+xml,<svg/>", allowsMailto: false) == .local)
        #expect(URLReference.classify("mailto:a@b.c", allowsMailto: true) == .local)
        #expect(URLReference.classify("mailto:a@b.c", allowsMailto: false) == .external)
        #expect(URLReference.classify("JaVa\nScript:x", allowsMailto: false) == .javascript)
        #expect(URLReference.classify("report-2026-W46.html", allowsMailto: false) == .external)
    }

    @Test func percentEncodedFragmentsResolve() {
        let html = PolyglotDocument.replacing("<a href=\"#top\">", with: "<a href=\"#caf%C3%A9\">")
        let withTarget = Array(String(decoding: html, as: UTF8.self).replacing("<h1>", with: "<h1 id=\"café\">").utf8)
        #expect(ReportValidator().validate(html: withTarget, path: "r.html") == [])
    }
}

/// Damaged documents (seeded, reproducible) must give findings, never a crash or a hang.
@Suite struct ValidationRobustnessTests {
    /// A 64-bit linear congruential generator (Knuth's MMIX constants), seeded: reproducible.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test func damagedDocumentsAreReportedNotCrashed() {
        var random = SeededGenerator(state: 47)
        let original = Array(PolyglotDocument.valid.utf8)
        var documentsWithFindings = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let length = Int.random(in: 0...min(40, bytes.count - start), using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.removeSubrange(start..<start + length)
                case 1: bytes.insert(contentsOf: bytes[start..<start + length], at: Int.random(in: 0...bytes.count, using: &random))
                default: bytes[start] = UInt8.random(in: 0...255, using: &random)
                }
                if bytes.isEmpty { bytes = [0x3C] }
            }
            let findings = ReportValidator().validate(html: bytes, path: "d.html")
            if !findings.isEmpty { documentsWithFindings += 1 }
            #expect(findings.allSatisfy { $0.line >= 1 && $0.column >= 1 })
        }
        #expect(documentsWithFindings > 250)
    }
}
