import Testing
import Validation
@testable import RetentionCLI

@Suite struct TerminalTextTests {
    @Test func controlAndBidiCharactersBecomeVisibleEscapes() {
        // ESC [2J clears the screen; OSC 8 makes a link; U+009B is the one-byte CSI; U+202E
        // reverses what follows; CR returns to the line start and overwrites it.
        #expect(TerminalText.escaped("\u{1B}[2JAcme\u{1B}]8;;http://x\u{07}") == "\\x1b[2JAcme\\x1b]8;;http://x\\x07")
        #expect(TerminalText.escaped("a\u{9B}31mb\u{202E}c\rd\u{7F}\u{0}") == "a\\u{9b}31mb\\u{202e}c\\x0dd\\x7f\\x00")
        #expect(TerminalText.escaped("line 1\n\tline 2 – ünïcode ✓") == "line 1\n\tline 2 – ünïcode ✓")
        // Isolates and the line/paragraph separators are escaped; U+00A0 (just past C1) and U+FFFE are not.
        #expect(TerminalText.escaped("a\u{2066}b\u{2069}c\u{2028}d\u{2029}") == "a\\u{2066}b\\u{2069}c\\u{2028}d\\u{2029}")
        #expect(TerminalText.escaped("CHF\u{A0}1\u{FFFE}") == "CHF\u{A0}1\u{FFFE}")
    }

    @Test func longLinesAndLongMessagesAreCut() {
        let line = String(repeating: "x", count: 1_200)
        #expect(TerminalText.bounded(line + "\n") == String(repeating: "x", count: 500) + "… (700 more characters)\n")
        let many = (1...100).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let cut = TerminalText.bounded(many)
        #expect(cut == (1...40).map { "line \($0)" }.joined(separator: "\n") + "\n… (60 more lines)\n")
        #expect(TerminalText.bounded("short\n") == "short\n")
    }

    @Test func findingsShowAFewPerRuleThenCounts() {
        let findings = (1...5).map { ValidationFinding(path: "r.html", line: $0, column: 1, rule: "xml", message: "bad \($0)") }
            + [ValidationFinding(path: "r.html", line: 9, column: 2, rule: "title", message: "no title")]
        #expect(FindingSummary.lines(findings) == [
            "r.html:1:1: error: [xml] bad 1", "r.html:2:1: error: [xml] bad 2", "r.html:3:1: error: [xml] bad 3",
            "r.html:9:2: error: [title] no title", "… and 2 more [xml] findings",
        ])
    }
}
