import Testing
@testable import Validation

/// Issue 13, item 19: references the validator used to miss.
@Suite struct ValidationGapTests {
    func check(_ html: [UInt8]) -> [String] {
        ReportValidator().validate(html: html, path: "r.html").map(\.description)
    }

    @Test func escapedURLFunctionInCSSIsAReference() {
        // Line 6 is the <style> line. `u\72l(` is `url(` once the escape \72 (= "r") is decoded.
        for written in ["u\\72l(https://x.example/a.png)", "\\75 rl(https://x.example/a.png)", "U\\52L(https://x.example/a.png)"] {
            let html = PolyglotDocument.replacing(".bar { fill: url(#fade); }", with: ".bar { fill: url(#fade); background: \(written); }")
            let findings = ReportValidator().validate(html: html, path: "r.html")
            #expect(findings.map(\.rule) == ["external-reference"], "\(written)")
            #expect(findings.first?.message == "url(https://x.example/a.png) refers to a resource outside the file in <style>; inline it or remove it")
        }
        #expect(CSSReferences.unescaped("u\\72l(x) \\\"q\\\" \\0 \\110000") == "url(x) \"q\" \u{FFFD}\u{FFFD}", "one space after a hex escape belongs to it")
        // In a style attribute, too.
        let inline = PolyglotDocument.replacing("<p><a href=\"#kpi\">", with: "<p style=\"background: u\\72l(//x.example/p.png)\"><a href=\"#kpi\">")
        #expect(ReportValidator().validate(html: inline, path: "r.html").map(\.message)
            == ["url(//x.example/p.png) refers to a resource outside the file in the style attribute of <p>; inline it or remove it"])
    }

    @Test func imageSetStringsAreReferences() {
        let html = PolyglotDocument.replacing(".bar { fill: url(#fade); }",
            with: ".bar { fill: url(#fade); } .logo { background: image-set(\"https://x.example/a.png\" 1x, 'b.png' 2x); }")
        #expect(ReportValidator().validate(html: html, path: "r.html").map(\.message) == [
            "image-set(\"https://x.example/a.png\") refers to a resource outside the file in <style>; inline it or remove it",
            "image-set(\"b.png\") refers to a resource outside the file in <style>; inline it or remove it",
        ])
        // Inline images in image-set are fine.
        let inline = PolyglotDocument.replacing(".bar { fill: url(#fade); }",
            with: ".bar { fill: url(#fade); } .logo { background: -webkit-image-set(\"data:image/png;base64,AA==\" 1x); }")
        #expect(check(inline) == [])
    }

    @Test func pingIsAnExternalRequest() {
        // `<br /><a href="#top" ` is 21 characters: ping at column 22 of line 15.
        let html = PolyglotDocument.replacing("<a href=\"#top\">", with: "<a href=\"#top\" ping=\"https://t.example/\">")
        #expect(check(html) == [
            "r.html:15:22: error: [external-reference] ping=\"https://t.example/\" on <a> sends a request outside the file; remove it",
        ])
    }

    @Test func svgAnimationOfHandlersAndLinksIsReported() {
        let onclick = PolyglotDocument.replacing("<text x=\"1\" y=\"2\">a</text>",
            with: "<text x=\"1\" y=\"2\">a<set attributeName=\"onclick\" to=\"x()\" /></text>")
        #expect(ReportValidator().validate(html: onclick, path: "r.html").map(\.message) == [
            "<set> sets the event handler onclick at run time: reports must not run code",
        ])
        let href = PolyglotDocument.replacing("<text x=\"1\" y=\"2\">a</text>",
            with: "<a href=\"#top\"><animate attributeName=\"xlink:href\" values=\"#top;https://x.example/\" dur=\"1s\" /><text x=\"1\" y=\"2\">a</text></a>")
        #expect(ReportValidator().validate(html: href, path: "r.html").map(\.message) == [
            "<animate> changes xlink:href at run time (a link could become javascript: or external); remove it",
        ])
        // Animating a presentation attribute is harmless.
        let opacity = PolyglotDocument.replacing("<text x=\"1\" y=\"2\">a</text>",
            with: "<text x=\"1\" y=\"2\">a<animate attributeName=\"opacity\" values=\"0;1\" dur=\"1s\" /></text>")
        #expect(check(opacity) == [])
    }
}
