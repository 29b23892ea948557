import Testing
@testable import Ingest

/// `PlainNumber` against its definition, read straight off the text: `-?D+(.D+)?` with at most 18
/// digits in all and not exactly three after the dot; the digits make the mantissa, those after
/// the dot the fraction (−1 without a dot).
@Suite struct PlainNumberTests {
    /// The definition, by splitting the text (no byte loop shared with the reader).
    static func reference(_ text: String) -> (mantissa: UInt64, fraction: Int, negative: Bool)? {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "0123456789".contains($0) } }) else { return nil }
        let digits = parts.joined()
        guard digits.count <= 18, text.utf8.count <= 20 else { return nil }
        let fraction = parts.count == 2 ? parts[1].count : -1
        if fraction == 3 { return nil }
        return (UInt64(digits)!, fraction, negative)
    }

    /// Every text of up to six bytes over `-`, `.`, `0`, `7`, `9` and `x`, and longer digit runs.
    @Test func everyShortTextIsReadAsTheDefinitionSays() {
        let alphabet: [UInt8] = Array("-.079x".utf8)
        var texts: [[UInt8]] = [[]]
        var all: [[UInt8]] = []
        for _ in 1...6 {
            texts = texts.flatMap { t in alphabet.map { t + [$0] } }
            all += texts
        }
        for digits in 15...21 {
            let run = [UInt8](repeating: UInt8(ascii: "9"), count: digits)
            all += [run, [UInt8(ascii: "-")] + run, Array(run[..<2]) + [UInt8(ascii: ".")] + Array(run[2...])]
        }
        var checked = 0
        for bytes in all {
            let text = String(decoding: bytes, as: UTF8.self)
            let read = bytes.withUnsafeBufferPointer { PlainNumber($0) }
            let expected = Self.reference(text)
            #expect(read?.mantissa == expected?.mantissa && read?.fraction == expected?.fraction
                    && read?.negative == expected?.negative, "\(text)")
            checked += 1
        }
        #expect(checked == 55_986 + 21)
    }
}
