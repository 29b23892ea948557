import Testing
@testable import Validation

/// ``CSSReferences/mayReference(_:)`` answers most text on its bytes; the answer is always the
/// definition's: `url(` or `image-set(` in the text with its escapes decoded and ASCII letters
/// lower-cased, compared as characters.
@Suite struct CSSMayReferenceTests {
    static func definition(_ css: String) -> Bool {
        let lower = CSSReferences.unescaped(css).asciiLowercased
        return lower.contains("url(") || lower.contains("image-set(")
    }

    @Test func namedCases() {
        let cases: [(String, Bool)] = [
            ("", false), ("url", false), ("url (x)", false), ("#fff", false),
            ("url(#g)", true), ("URL(#g)", true), ("fill: uRl(x)", true), ("xurl(", true),
            ("Image-SET(", true), ("image-set (", false), ("-webkit-image-set(\"a.png\" 1x)", true),
            // Escapes: \72 is "r", \75 is "u" (CSS Syntax §4.3.7).
            ("u\\72l(x)", true), ("\\75rl(x)", true), ("u\\rl(", true), ("\\", false),
            // A combining accent after "(" makes "(́" one character: no "url(" as characters.
            ("url(\u{301}x)", false), ("ürl(", false), ("url\u{301}(", false), ("épée url(a)", true),
        ]
        for (css, expected) in cases {
            #expect(CSSReferences.mayReference(css) == expected, "\(css.debugDescription)")
            #expect(Self.definition(css) == expected, "definition of \(css.debugDescription)")
        }
    }

    /// 100,000 random texts of 0–14 pieces drawn from the words' letters in both cases, escapes,
    /// spaces and non-ASCII (a combining accent, é): the same answer as the definition.
    @Test func randomTextsAgreeWithTheDefinition() {
        let pieces = ["u", "U", "r", "R", "l", "L", "(", "i", "m", "a", "g", "e", "-", "s", "S", "t", "T",
                      "\\", "7", "2", "5", " ", "\n", "\u{301}", "é", "url(", "image-set(", "x"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var positives = 0
        for _ in 0..<100_000 {
            let css = (0..<next(15)).map { _ in pieces[next(pieces.count)] }.joined()
            let expected = Self.definition(css)
            if expected { positives += 1 }
            if CSSReferences.mayReference(css) != expected {
                Issue.record("\(css.debugDescription): \(!expected) instead of \(expected)")
                return
            }
        }
        // Both answers are common enough to test something.
        #expect(positives > 5_000 && positives < 95_000, "\(positives)")
    }
}
