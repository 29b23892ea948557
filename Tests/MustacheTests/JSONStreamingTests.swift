import Testing
@testable import Mustache

/// `JSONTextWriter` and `JSONTreeBuilder`: a document written value by value gives the text
/// `MustacheValue.jsonText` gives for the same value, and the same value.
@Suite struct JSONStreamingTests {
    /// {"a": 1, "b": [true, null, 2.5, "x\"y"], "c": {}, "d": [], "e": {"f": -0.5}} written member by member.
    static func write(into out: inout some JSONOutput) {
        out.object { out in
            out.key("a"); out.int(1)
            out.key("b")
            out.list { out in
                out.bool(true); out.null(); out.double(2.5); out.string("x\"y")
            }
            out.key("c"); out.object { _ in }
            out.key("d"); out.list { _ in }
            out.key("e"); out.object { out in out.key("f"); out.number(-0.5) }
        }
    }

    static let value: MustacheValue = ["a": 1, "b": [true, nil, .double(2.5), "x\"y"], "c": [:], "d": [], "e": ["f": .double(-0.5)]]

    @Test func streamedTextIsTheValuesText() {
        var pretty = JSONTextWriter(pretty: true)
        Self.write(into: &pretty)
        #expect(String(decoding: pretty.bytes, as: UTF8.self) == """
            {
              "a": 1,
              "b": [
                true,
                null,
                2.5,
                "x\\"y"
              ],
              "c": {},
              "d": [],
              "e": {
                "f": -0.5
              }
            }
            """)
        #expect(String(decoding: pretty.bytes, as: UTF8.self) == Self.value.jsonText(pretty: true))
        var compact = JSONTextWriter(pretty: false)
        Self.write(into: &compact)
        #expect(String(decoding: compact.bytes, as: UTF8.self) == #"{"a":1,"b":[true,null,2.5,"x\"y"],"c":{},"d":[],"e":{"f":-0.5}}"#)
    }

    /// Two spaces per level at any depth: 20 nested lists around 7, the innermost item on line
    /// 21 with 40 spaces, each closing bracket two spaces less than the line before.
    @Test func deepNestingIndentsTwoSpacesPerLevel() {
        var out = JSONTextWriter(pretty: true)
        for _ in 0..<20 { out.beginList() }
        out.int(7)
        for _ in 0..<20 { out.endList() }
        let opening = (0..<20).map { String(repeating: " ", count: 2 * $0) + "[" }
        let closing = (0..<20).reversed().map { String(repeating: " ", count: 2 * $0) + "]" }
        let expected = (opening + [String(repeating: " ", count: 40) + "7"] + closing).joined(separator: "\n")
        #expect(String(decoding: out.bytes, as: UTF8.self) == expected)
    }

    @Test func treeBuilderGivesTheValue() {
        var tree = JSONTreeBuilder()
        Self.write(into: &tree)
        #expect(tree.result == Self.value)
        // Not finite: null, as in the text.
        var single = JSONTreeBuilder()
        single.double(.infinity)
        #expect(single.result == .null)
    }

    @Test func piecesConcatenateToTheWholeText() throws {
        var pieces: [[UInt8]] = []
        JSONTextWriter.streaming(pieceSize: 16, to: { (piece: [UInt8]) in pieces.append(piece) }) { out in
            Self.write(into: &out)
        }
        // The whole pretty text is 116 bytes (14 lines: 2+10+9+10+10+9+11+5+11+11+9+14+4+1); a piece
        // is handed over once 16 are buffered (after a value), so every piece but the last holds at
        // least 16 bytes and there are at most 116 ÷ 16 + 1 = 8.
        #expect(Array(pieces.joined()) == Array(Self.value.jsonText().utf8))
        #expect(Self.value.jsonText().utf8.count == 116)
        #expect(pieces.dropLast().allSatisfy { $0.count >= 16 } && pieces.count > 1 && pieces.count <= 8)
    }

    struct DiskFull: Error, Equatable {}

    @Test func theFirstSinkFailureStopsTheWritingAndIsThrown() {
        var calls = 0
        #expect(throws: DiskFull()) {
            try JSONTextWriter.streaming(pieceSize: 16, to: { (_: [UInt8]) throws(DiskFull) in
                calls += 1
                throw DiskFull()
            }) { out in Self.write(into: &out) }
        }
        #expect(calls == 1)
    }

    @Test func integersAreWrittenAsTheirDigits() {
        for value in [0, 7, -7, 10, 1_234_567_890, Int.max, Int.min] {
            var out: [UInt8] = []
            DecimalDigits.append(Int64(value), to: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }

    @Test func stringsNeedingNoEscapeAreCopiedOthersEscapedAsMarkupTextDoes() {
        func text(_ s: String) -> String {
            var out: [UInt8] = []
            JSONTextWriter.appendString(s, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(text("Müller & Söhne – ok") == "\"Müller & Söhne – ok\"")
        // Tab escaped, bell replaced by U+FFFD, the bidi override U+202E removed, U+0085 (a C1 control) replaced.
        #expect(text("a\tb\u{07}c\u{202E}d\u{85}") == "\"a\\tb\u{FFFD}cd\u{FFFD}\"")
        #expect(text("back\\slash") == "\"back\\\\slash\"")
    }
}
