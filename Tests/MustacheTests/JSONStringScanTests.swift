import MarkupText
import Testing
@testable import Mustache

/// `JSONTextWriter.appendString` tests eight bytes at a time whether a string can be copied as it
/// is: every byte that needs the escaper, at every position of one, two and three 8-byte words
/// and of the tail, is found; bytes next to them in value are not; the text is always the
/// escaper's.
@Suite struct JSONStringScanTests {
    /// The definition: a byte < 0x20, `"`, `\`, DEL or the lead byte 0xC2, 0xE2 or 0xEF.
    static func needsEscaper(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 < 0x20 || [0x22, 0x5C, 0x7F, 0xC2, 0xE2, 0xEF].contains($0) }
    }

    static func written(_ text: String) -> String {
        var out: [UInt8] = []
        JSONTextWriter.appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func escaper(_ text: String) -> String {
        var out = ""
        MarkupText.appendJSONString(text, to: &out)
        return out
    }

    /// Inserted at every position of strings of 0–24 ASCII letters: controls, `"`, `\`, DEL,
    /// characters whose UTF-8 starts with 0xC2, 0xE2, 0xEF (C1 controls, a bidi control, an en
    /// dash, U+FFFD, U+FFFE) and, as plain text, their neighbours (space, `!`, `#`, `[`, `]`,
    /// `~`, é = C3 A9, ÿ = C3 BF, U+1E9E = E1 BA 9E, U+E000 = EE 80 80, 😀 = F0 9F 98 80).
    @Test func everySpecialByteAtEveryPositionOfAWordIsFound() {
        let inserts: [String] = ["\u{0}", "\u{1}", "\t", "\n", "\r", "\u{1F}", "\"", "\\", "\u{7F}",
                                 "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{202E}", "\u{2013}", "\u{FFFD}", "\u{FFFE}",
                                 " ", "!", "#", "[", "]", "~", "é", "ÿ", "\u{1E9E}", "\u{E000}", "😀"]
        var checked = 0, special = 0
        for length in 0...24 {
            for position in 0...length {
                for insert in inserts {
                    let text = String(repeating: "a", count: position) + insert + String(repeating: "b", count: length - position)
                    let bytes = Array(text.utf8)
                    let plain = bytes.withUnsafeBufferPointer { JSONTextWriter.isPlain($0) }
                    #expect(plain == !Self.needsEscaper(bytes), "\(bytes)")
                    #expect(Self.written(text) == Self.escaper(text), "\(bytes)")
                    if !plain { special += 1 }
                    checked += 1
                }
            }
        }
        #expect(checked == 325 * inserts.count)
        // 17 of the 28 inserts need the escaper.
        #expect(special == 325 * 17)
    }

    /// Every byte value alone at each position of a 16-byte string: found exactly when the
    /// definition says so (invalid UTF-8 included: the scan sees bytes, not characters).
    @Test func everyByteValueIsClassifiedAsTheDefinitionSays() {
        for value in 0...255 {
            for position in 0..<16 {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 16)
                bytes[position] = UInt8(value)
                let plain = bytes.withUnsafeBufferPointer { JSONTextWriter.isPlain($0) }
                #expect(plain == !Self.needsEscaper(bytes), "byte \(value) at \(position)")
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { JSONTextWriter.isPlain($0) })
    }

    /// Named cases written out.
    @Test func namedStrings() {
        #expect(Self.written("CUST-0000004") == "\"CUST-0000004\"")
        #expect(Self.written("health_probability") == "\"health_probability\"")
        #expect(Self.written("Müller & Söhne") == "\"Müller & Söhne\"")
        #expect(Self.written("12345678\"") == "\"12345678\\\"\"")
        #expect(Self.written("1234567\\") == "\"1234567\\\\\"")
        #expect(Self.written("abcdefgh\u{202E}x") == "\"abcdefghx\"")
        #expect(Self.written("abcdefg\u{85}") == "\"abcdefg\u{FFFD}\"")
        #expect(Self.written("a–b 12345678") == "\"a–b 12345678\"")
    }
}
