/// The one escaper for every text this tool writes into a document: HTML and XML element
/// content, quoted attribute values, SVG text, and JSON strings.
///
/// Two steps, the same in every context:
/// 1. **Clean** (``isAllowed(_:)``): code points that XML 1.0 does not allow, or that HTML
///    reports as a parse error, become U+FFFD REPLACEMENT CHARACTER — the C0 controls other
///    than tab, line feed and carriage return, DEL and the C1 controls (U+007F–U+009F), the
///    noncharacters U+FFFE and U+FFFF. (Lone surrogates cannot occur in a Swift `String`:
///    decoding already turned them into U+FFFD.) The explicit bidirectional embedding,
///    override and isolate controls (U+202A–U+202E, U+2066–U+2069) are removed, so a value
///    cannot reorder the text around it (a plan name ending in U+202E must not turn "3.5 %"
///    into "%5.3").
/// 2. **Escape** for the context: markup gets `&amp; &lt; &gt; &quot; &#39;` (safe in text and
///    in single- or double-quoted attributes) and `&#160;` for a no-break space (never the
///    HTML-only `&nbsp;`); JSON gets `\"`, `\\` and `\n`, `\r`, `\t`.
///
/// Displayed text is also capped (``displayLimit``): a longer value is cut at a character
/// boundary and ends with "…", so one 200 MB field cannot make a 200 MB report.
public enum MarkupText {
    /// At most this many characters (grapheme clusters) of one value are shown in markup.
    public static let displayLimit = 2000

    /// Whether `scalar` may appear in a document as it is (see step 1 above).
    @inline(__always)
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if isControl(scalar) { return value == 0x09 || value == 0x0A || value == 0x0D }
        return value != 0xFFFE && value != 0xFFFF
    }

    /// The C0 controls U+0000–U+001F, DEL U+007F and the C1 controls U+0080–U+009F.
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (value >= 0x7F && value <= 0x9F)
    }

    /// U+202A–U+202E (LRE, RLE, PDF, LRO, RLO) and U+2066–U+2069 (LRI, RLI, FSI, PDI).
    @inline(__always)
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value >= 0x202A && value <= 0x202E) || (value >= 0x2066 && value <= 0x2069)
    }

    /// `text` cleaned (step 1), not escaped: for plain-text outputs such as mail headers.
    public static func cleaned(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        var out = ""
        appendCleaned(text, to: &out) { _ in nil }
        return out
    }

    /// `text` cleaned, capped at ``displayLimit`` characters and escaped for markup.
    public static func escaped(_ text: String) -> String {
        var out = ""
        appendEscaped(text, to: &out)
        return out
    }

    /// Appends `text` cleaned, capped at `limit` characters (nil: no cap) and escaped for markup.
    public static func appendEscaped(_ text: String, to output: inout String, limit: Int? = displayLimit) {
        // Capped after cleaning, so the reader sees at most `limit` characters.
        let shown = limit.map { text.utf8.count > $0 ? capped(cleaned(text), to: $0) : text } ?? text
        let special = shown.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte < 0x20 || byte >= 0x7F
        }
        guard special else {
            output += shown
            return
        }
        appendCleaned(shown, to: &output, escaping: markupReference)
    }

    /// The character reference markup writes for `scalar`, nil for a character written as it is.
    private static func markupReference(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        case "'": return "&#39;"
        case "\u{A0}": return "&#160;"
        default: return nil
        }
    }

    /// `text` as a JSON string literal (with its quotes), cleaned, never capped.
    public static func jsonString(_ text: String) -> String {
        var out = ""
        appendJSONString(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal: cleaned (step 1), then `"` and `\` escaped and
    /// tab, line feed and carriage return written as `\t`, `\n`, `\r`; everything else as UTF-8.
    public static func appendJSONString(_ text: String, to output: inout String) {
        output += "\""
        appendCleaned(text, to: &output, escaping: jsonEscape)
        output += "\""
    }

    /// The escape a JSON string writes for `scalar`, nil for a character written as it is.
    private static func jsonEscape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return nil
        }
    }

    /// The one cleaning loop (step 1) behind every output: appends `text` to `output` with each
    /// scalar that `escaping` gives a replacement for written as that replacement, bidi controls
    /// removed and every other scalar that is not allowed written as U+FFFD.
    @inline(__always)
    private static func appendCleaned(_ text: String, to output: inout String,
                                      escaping escape: (Unicode.Scalar) -> String?) {
        for scalar in text.unicodeScalars {
            if let replacement = escape(scalar) {
                output += replacement
            } else if !isBidiControl(scalar) {
                output.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
    }

    /// The first `limit` characters of `text` followed by "…" when it is longer; else `text`.
    public static func capped(_ text: String, to limit: Int) -> String {
        // Fast path: fewer UTF-8 bytes than the limit means fewer characters too.
        if text.utf8.count <= limit { return text }
        var end = text.startIndex
        var count = 0
        while end < text.endIndex, count < limit {
            end = text.index(after: end)
            count += 1
        }
        return end == text.endIndex ? text : String(text[..<end]) + "…"
    }

    private static func needsCleaning(_ text: String) -> Bool {
        // Every disallowed or bidi scalar has a UTF-8 lead byte < 0x20, 0x7F, 0xC2 or 0xE2/0xEF.
        text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }
            && text.unicodeScalars.contains { !isAllowed($0) || isBidiControl($0) }
    }
}
