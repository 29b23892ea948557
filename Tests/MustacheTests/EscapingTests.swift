import Mustache
import Testing

@Suite struct EscapingTests {
    let hostile: MustacheValue = "<script>alert(\"x\")</script> & 'y'"

    func render(_ source: String, _ context: MustacheValue) throws -> String {
        try Template(source: source, path: "test.mustache").render(context)
    }

    @Test func doubleMustacheEscapesAllFiveHTMLCharacters() throws {
        #expect(try render("<p>{{v}}</p>", ["v": hostile]) ==
            "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>")
    }

    @Test func escapedTextIsSafeInsideQuotedAttributes() throws {
        #expect(try render("<a title='{{v}}' href=\"{{v}}\">", ["v": "a' onclick='x\" b"]) ==
            "<a title='a&#39; onclick=&#39;x&quot; b' href=\"a&#39; onclick=&#39;x&quot; b\">")
    }

    @Test func tripleMustacheAndAmpersandWriteRawText() throws {
        #expect(try render("{{{v}}}|{{& v}}", ["v": hostile]) ==
            "<script>alert(\"x\")</script> & 'y'|<script>alert(\"x\")</script> & 'y'")
    }

    @Test func rawSVGFromAChartPassesThroughTripleMustache() throws {
        let svg = "<svg viewBox=\"0 0 10 10\"><path d=\"M0 0L10 10\"/></svg>"
        #expect(try render("<figure>{{{chart}}}</figure>", ["chart": .string(svg)]) == "<figure>\(svg)</figure>")
    }

    @Test func alreadyEscapedEntitiesAreEscapedAgain() throws {
        #expect(try render("{{v}}", ["v": "&amp;"]) == "&amp;amp;")
    }

    @Test func nonASCIITextIsUntouched() throws {
        #expect(try render("{{v}}", ["v": "Zürich — 東京 <b>"]) == "Zürich — 東京 &lt;b&gt;")
    }

    @Test func templateTextItselfIsNeverEscaped() throws {
        #expect(try render("<b>&amp; '{{v}}'</b>", ["v": "ok"]) == "<b>&amp; 'ok'</b>")
    }
}
