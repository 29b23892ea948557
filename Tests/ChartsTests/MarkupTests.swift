import Testing
@testable import Charts

@Suite struct MarkupTests {
    @Test func escapesTheFiveMarkupCharacters() {
        #expect(escapeMarkup("<a href=\"x\">Tom & Jerry's</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(escapeMarkup("&amp;") == "&amp;amp;")
    }

    @Test func dropsCharactersXMLForbidsAndSpellsOutNoBreakSpaces() {
        // The shared escaper (MarkupText) replaces each with U+FFFD rather than dropping it.
        #expect(escapeMarkup("a\u{0}b\u{7}c\u{1B}d\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}")
        #expect(escapeMarkup("tab\there\nnew") == "tab\there\nnew")
        #expect(escapeMarkup("CHF\u{A0}12") == "CHF&#160;12")
        #expect(escapeMarkup("Zürich — 東京") == "Zürich — 東京")
    }

    @Test func coordinatesHaveAtMostTwoDecimalsAndNoTrailingZeros() {
        // 12.345 is stored as 12.3449999…; it still rounds to 12.35 as written.
        #expect(coord(12.345) == "12.35")
        #expect(coord(3.10) == "3.1")
        #expect(coord(100) == "100")
        #expect(coord(-2.5) == "-2.5")
        #expect(coord(-0.001) == "0")
        #expect(coord(0.005) == "0.01")
        #expect(coord(1.0 / 3.0) == "0.33")
        #expect(coord(.nan) == "0")
    }

    @Test func pathDataIsCompactAndRounded() {
        var path = PathData()
        path.move(10, 20.004)
        path.horizontal(30.5)
        path.vertical(5)
        path.line(2.456, 7)
        path.close()
        #expect(path.d == "M10,20H30.5V5L2.46,7Z")
    }

    @Test func markupEscapesAttributesAndSelfClosesEmptyElements() {
        var markup = Markup()
        markup.open("g", [("class", "a\"b")])
        markup.empty("rect", [("x", "1")])
        markup.element("text", [], "<b>")
        markup.close("g")
        #expect(markup.text == "<g class=\"a&quot;b\"><rect x=\"1\"/><text>&lt;b&gt;</text></g>")
    }

    @Test func idPrefixesAreMadeSafe() {
        #expect(sanitizedIdPrefix("churn") == "churn")
        #expect(sanitizedIdPrefix("logo churn\"><") == "logo-churn---")
        #expect(sanitizedIdPrefix("2024") == "chart-2024")
        #expect(sanitizedIdPrefix("") == "chart-")
    }

    @Test func inspectionCatchesMalformedMarkup() {
        // The checker the chart tests rely on must itself fail on broken input.
        #expect(MarkupInspection.wellFormednessProblem("<svg><g></svg>") != nil)
        #expect(MarkupInspection.wellFormednessProblem("<svg a=b></svg>") != nil)
        #expect(MarkupInspection.wellFormednessProblem("<svg>&nbsp;</svg>") != nil)
        #expect(MarkupInspection.wellFormednessProblem("<svg><path d=\"M0\"></svg>") != nil)
        #expect(MarkupInspection.wellFormednessProblem("<a/><b/>") != nil)
        #expect(MarkupInspection.wellFormednessProblem("<svg x=\"1\"><path d=\"M0\"/>&#160;&amp;</svg>") == nil)
        #expect(MarkupInspection.badlyRoundedNumbers("<g x=\"1.234\" y=\"2.50\" z=\"3.25\"/>") == ["1.234", "2.50"])
    }
}
