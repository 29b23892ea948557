import Testing
@testable import Validation

/// The rules' ASCII-only text operations, which work on UTF-8 bytes: only A-Z change case, only
/// the five HTML whitespace characters are trimmed, and anything outside ASCII is left as written.
@Suite struct ASCIITextTests {
    @Test func lowerCasesASCIILettersOnly() {
        #expect("onClick".asciiLowercased == "onclick")
        #expect("XLINK:HREF".asciiLowercased == "xlink:href")
        // "É" (U+00C9, bytes C3 89) and "Σ" (U+03A3, bytes CE A3) are not ASCII: unchanged.
        #expect("ÉTÉ Σ-Ab".asciiLowercased == "ÉtÉ Σ-ab")
        // "@" (0x40) and "[" (0x5B) sit just outside A-Z (0x41-0x5A).
        #expect("@[Z]".asciiLowercased == "@[z]")
        #expect("".asciiLowercased == "")
        #expect("already lower, 100 %".asciiLowercased == "already lower, 100 %")
    }

    @Test func trimsTheFiveHTMLWhitespaceCharactersOnly() {
        #expect(" \t\n\u{0C}\r url(x) \r\n".trimmingASCIIWhitespace == "url(x)")
        // No-break space (U+00A0) and the ideographic space (U+3000) are not HTML whitespace.
        #expect("\u{00A0}a\u{3000}".trimmingASCIIWhitespace == "\u{00A0}a\u{3000}")
        // A multi-byte character at either end is kept whole.
        #expect(" é x ñ ".trimmingASCIIWhitespace == "é x ñ")
        #expect(" \t ".trimmingASCIIWhitespace == "")
        #expect("".trimmingASCIIWhitespace == "")
        #expect("kept".trimmingASCIIWhitespace == "kept")
    }

    /// `on` plus at least one more letter, ASCII letters only, any case.
    @Test func recognisesEventHandlerNames() {
        for name in ["onclick", "ONLOAD", "onBegin", "onx"] {
            #expect(EventHandlerRule.isHandlerName(name), "\(name)")
        }
        for name in ["on", "o", "", "one1", "on-click", "xonclick", "oN:x", "onclické", "data-onclick", "ońclick"] {
            #expect(!EventHandlerRule.isHandlerName(name), "\(name)")
        }
    }
}
