import Testing
import MarkupText

@Suite struct MarkupTextTests {
    @Test func markupCharactersBecomeReferences() {
        #expect(MarkupText.escaped("<a href=\"x\">Tom & 'Jerry'</a>")
            == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
        #expect(MarkupText.escaped("CHF\u{A0}12") == "CHF&#160;12")
        #expect(MarkupText.escaped("plain text") == "plain text")
    }

    @Test func charactersXMLForbidsBecomeReplacementCharacters() {
        // C0 controls except tab/LF/CR, DEL, C1 controls, U+FFFE and U+FFFF: each one U+FFFD.
        #expect(MarkupText.escaped("a\u{0}b\u{7}c\u{1B}d\u{7F}e\u{85}f\u{9F}g\u{FFFE}h\u{FFFF}i")
            == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h\u{FFFD}i")
        #expect(MarkupText.escaped("tab\tline\nreturn\r") == "tab\tline\nreturn\r")
        // A lone surrogate cannot live in a String: decoding the bytes ED A0 80 gives U+FFFD.
        let lone = String(decoding: [0x61, 0xED, 0xA0, 0x80, 0x62], as: UTF8.self)
        #expect(MarkupText.escaped(lone).unicodeScalars.allSatisfy { MarkupText.isAllowed($0) })
    }

    /// C0 is U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F; U+0020, U+007E and U+00A0 lie just outside.
    @Test func controlsAreC0DelAndC1() {
        let controls = [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0x9F].map { MarkupText.isControl(Unicode.Scalar($0)!) }
        #expect(controls.allSatisfy { $0 })
        let others = [0x20, 0x7E, 0xA0, 0x202E, 0xFFFE].map { MarkupText.isControl(Unicode.Scalar($0)!) }
        #expect(others.allSatisfy { !$0 })
    }

    /// Every escaper cleans the same way: "a\u{0}b\u{202E}c" is "a\u{FFFD}bc" in markup, JSON and plain text.
    @Test func everyContextCleansAlike() {
        #expect(MarkupText.escaped("a\u{0}b\u{202E}c") == "a\u{FFFD}bc")
        #expect(MarkupText.jsonString("a\u{0}b\u{202E}c") == "\"a\u{FFFD}bc\"")
        #expect(MarkupText.cleaned("a\u{0}b\u{202E}c") == "a\u{FFFD}bc")
    }

    @Test func bidiControlsAreRemovedInEveryContext() {
        let plan = "Pro\u{202E} plan \u{2066}x\u{2069}\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}"
        #expect(MarkupText.escaped(plan) == "Pro plan x")
        #expect(MarkupText.jsonString(plan) == "\"Pro plan x\"")
        #expect(MarkupText.cleaned(plan) == "Pro plan x")
        // Marks that do not embed or isolate (U+200E LRM) stay.
        #expect(MarkupText.cleaned("a\u{200E}b") == "a\u{200E}b")
    }

    @Test func jsonStringsEscapeQuotesBackslashesAndLineBreaks() {
        #expect(MarkupText.jsonString("say \"hi\"\\\n\r\t") == "\"say \\\"hi\\\"\\\\\\n\\r\\t\"")
        #expect(MarkupText.jsonString("bell\u{7}") == "\"bell\u{FFFD}\"")
        #expect(MarkupText.jsonString("é €") == "\"é €\"")
    }

    @Test func displayedTextIsCappedWithAnEllipsis() {
        let long = String(repeating: "é", count: MarkupText.displayLimit + 5)
        let shown = MarkupText.escaped(long)
        #expect(shown == String(repeating: "é", count: MarkupText.displayLimit) + "…")
        let exact = String(repeating: "x", count: MarkupText.displayLimit)
        #expect(MarkupText.escaped(exact) == exact)
        // Characters, not scalars: a flag (two scalars) is never cut in half.
        #expect(MarkupText.capped("🇩🇪🇫🇷", to: 1) == "🇩🇪…")
        var unlimited = ""
        MarkupText.appendEscaped(long, to: &unlimited, limit: nil)
        #expect(unlimited == long)
    }
}
