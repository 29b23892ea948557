import Foundation
import Mustache
import Testing

@Suite struct MustacheValueJSONTests {
    func read(_ json: String) throws(JSONSyntaxError) -> MustacheValue {
        try MustacheValue(jsonData: Data(json.utf8))
    }

    @Test func numbersIntegralAsWrittenBecomeIntsOthersDoubles() throws {
        #expect(try read("[0, -12, 85, 1.21, 1.0, 2e3, 9223372036854775807, 9223372036854775808]") ==
            [0, -12, 85, 1.21, .double(1.0), .double(2000), .int(Int.max), .double(9223372036854775808)])
    }

    @Test func booleansAreNeverNumbers() throws {
        #expect(try read("{\"t\": true, \"f\": false, \"one\": 1, \"zero\": 0}") ==
            ["t": true, "f": false, "one": 1, "zero": 0])
    }

    @Test func stringsDecodeEveryEscape() throws {
        #expect(try read(#""a\"b\\c\/d\n\t\r\b\f \u00e9 \ud83d\ude00 é""#) ==
            .string("a\"b\\c/d\n\t\r\u{08}\u{0C} é 😀 é"))
    }

    @Test func nestedDocumentWithNull() throws {
        #expect(try read(" {\"a\": {\"b\": [null, {}, []]}} ") == ["a": ["b": [nil, [:], []]]])
    }

    @Test func roundTripSortsKeysAndKeepsNumberKinds() throws {
        let source = #"{"zeta": 1, "alpha": [1.5, 2.0, -3, "x"], "Mid": {"b": null, "a": true}, "e": 1e21}"#
        let value = try read(source)
        let pretty = value.jsonText()
        #expect(pretty == """
            {
              "Mid": {
                "a": true,
                "b": null
              },
              "alpha": [
                1.5,
                2.0,
                -3,
                "x"
              ],
              "e": 1e+21,
              "zeta": 1
            }
            """)
        #expect(value.jsonText(pretty: false) == #"{"Mid":{"a":true,"b":null},"alpha":[1.5,2.0,-3,"x"],"e":1e+21,"zeta":1}"#)
        #expect(try read(pretty) == value)
        #expect(try read(value.jsonText(pretty: false)) == value)
    }

    @Test func jsonTextIsTheSameWhateverTheInsertionOrder() {
        var first: [String: MustacheValue] = [:]
        var second: [String: MustacheValue] = [:]
        let keys = ["b", "a", "é", "A", "aa", "_"]
        for (index, key) in keys.enumerated() { first[key] = .int(index) }
        for (index, key) in keys.enumerated().reversed() { second[key] = .int(index) }
        // Sorted by UTF-8 bytes: "A" 0x41, "_" 0x5F, "a", "aa", "b", "é" 0xC3 0xA9.
        #expect(MustacheValue.object(first).jsonText(pretty: false) == #"{"A":3,"_":5,"a":1,"aa":4,"b":0,"é":2}"#)
        #expect(MustacheValue.object(first).jsonText() == MustacheValue.object(second).jsonText())
    }

    @Test func stringEscapingInOutput() {
        let value: MustacheValue = .string("quote\" back\\ nl\n tab\t bell\u{07} </script> é")
        // Controls other than tab, LF, CR become U+FFFD (the shared escaper, MarkupText).
        #expect(value.jsonText() == "\"quote\\\" back\\\\ nl\\n tab\\t bell\u{FFFD} </script> é\"")
    }

    @Test func emptyContainersAndScalarsPrintCompactly() {
        #expect(MustacheValue.object([:]).jsonText() == "{}")
        #expect(MustacheValue.list([]).jsonText() == "[]")
        #expect(MustacheValue.null.jsonText() == "null")
        #expect(MustacheValue.double(.nan).jsonText() == "null")
    }

    @Test func syntaxErrorsAreLocated() {
        #expect(throws: JSONSyntaxError.unexpected(found: "'}'", expected: "a value", line: 2, column: 8)) {
            try read("{\n  \"a\": }")
        }
        #expect(throws: JSONSyntaxError.unexpected(found: "end of input", expected: "',' or ']' in an array", line: 1, column: 3)) {
            try read("[1")
        }
        #expect(throws: JSONSyntaxError.unexpected(found: "'x'", expected: "end of input", line: 1, column: 4)) {
            try read("{} x")
        }
        #expect(throws: JSONSyntaxError.numberOutOfRange(text: "1e999", line: 1, column: 2)) {
            try read("[1e999]")
        }
        do {
            _ = try read("[01]")
        } catch {
            #expect(error.description == "JSON 1:3: error: expected ',' or ']' in an array, found '1'")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.nestingTooDeep(limit: 512, line: 1, column: 513)) { try read(deep) }
    }
}
