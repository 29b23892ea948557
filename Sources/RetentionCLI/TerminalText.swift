import MarkupText

/// Text made safe and short enough for a terminal or a cron mail.
///
/// - **Escaped**: a CSV value can hold terminal escape sequences (ESC `[2J`, OSC 8 links, a
///   C1 CSI, a bidi override that reverses what follows). Every C0 control except line feed
///   and tab, DEL, every C1 control, the bidi embedding/override/isolate controls
///   (U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators are shown as visible
///   escapes: `\x1b`, `\x7f`, `\u{9b}`, `\u{202e}`.
/// - **Bounded**: a line longer than `maxLineLength` characters is cut with "… (N more
///   characters)", and a message of more than `maxLines` lines is cut with "… (N more lines)",
///   so one 200 MB field or a million findings cannot flood standard error.
enum TerminalText {
    static let maxLineLength = 500
    static let maxLines = 40

    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.append(scalar); continue }
            let hex = String(scalar.value, radix: 16)
            let visible = scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
            out.append(contentsOf: visible.unicodeScalars)
        }
        return String(out)
    }

    /// The controls other than line feed and tab, the bidi controls, and U+2028/U+2029.
    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        if MarkupText.isControl(s) { return s != "\n" && s != "\t" }
        return MarkupText.isBidiControl(s) || s == "\u{2028}" || s == "\u{2029}"
    }

    /// `text` with long lines and long messages cut (see the type's description); `lineLimit`
    /// nil keeps every line (for `inspect`, whose length follows the file's columns).
    static func bounded(_ text: String, lineLimit: Int? = maxLines) -> String {
        let maxLines = lineLimit ?? Int.max
        guard text.utf8.count > maxLineLength || text.utf8.count(where: { $0 == 0x0A }) > maxLines else { return text }
        let endsWithNewline = text.hasSuffix("\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if endsWithNewline { lines.removeLast() }
        var out: [String] = []
        for line in lines.prefix(maxLines) {
            let count = line.count
            out.append(count > maxLineLength ? String(line.prefix(maxLineLength)) + "… (\(count - maxLineLength) more characters)"
                       : String(line))
        }
        if lines.count > maxLines { out.append("… (\(lines.count - maxLines) more lines)") }
        return out.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
    }

    /// What diagnostics on standard error go through: bounded, then escaped.
    static func diagnostic(_ text: String) -> String { escaped(bounded(text)) }
}
