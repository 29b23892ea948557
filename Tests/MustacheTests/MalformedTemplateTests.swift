import Mustache
import Testing

/// Every combination of three awkward fragments either renders or throws a located error;
/// none may crash or hang.
@Suite struct MalformedTemplateTests {
    static let fragments = [
        "", "x", " ", "\n", "\r\n", "{{", "}}", "{{{", "}}}", "{{a}}", "{{#a}}", "{{/a}}", "{{^a}}",
        "{{$a}}", "{{<p}}", "{{/p}}", "{{>p}}", "{{>*a}}", "{{!", "{{! c }}", "{{=", "{{=| |=}}", "|a|",
        "{{= =}}", "{{&}}", "{{.}}", "é",
    ]

    /// `t:<line>:<column>: error: …` (or `p:` for the partial).
    static func isLocated(_ message: String) -> Bool {
        let parts = message.split(separator: ":", maxSplits: 3)
        guard parts.count == 4, parts[0] == "t" || parts[0] == "p" else { return false }
        return Int(parts[1]) != nil && Int(parts[2]) != nil && parts[3].hasPrefix(" error: ")
    }

    @Test func everyThreeFragmentCombinationRendersOrFailsCleanly() {
        var rendered = 0
        var failed = 0
        let partials = PartialResolver.dictionary(["p": "{{$a}}[{{.}}]{{/a}}", "x": "{{>p}}"])
        let context: MustacheValue = ["a": ["p", "x"]]
        for first in Self.fragments {
            for second in Self.fragments {
                for third in Self.fragments {
                    let source = first + second + third
                    do {
                        let template = try Template(source: source, path: "t")
                        _ = try template.render(context, partials: partials)
                        rendered += 1
                    } catch {
                        #expect(Self.isLocated(error.description), "\(source.debugDescription): \(error)")
                        failed += 1
                    }
                }
            }
        }
        // 27 fragments → 27³ = 19 683 templates, all accounted for.
        #expect(rendered + failed == 19_683)
        #expect(rendered > 0 && failed > 0)
    }
}
