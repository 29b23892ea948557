#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every rule sees: the element tree (with source positions), the source, and the path
/// findings are reported under.
struct RuleContext {
    let path: String
    let tree: MarkupTree
    let source: SourceLocator
    /// True when the tree came from the XML parser (names are case-sensitive, namespaces known).
    let isXMLTree: Bool
    /// Whether a file exists at a path (relative links of navigation are checked with it).
    var fileExists: @Sendable (String) -> Bool = { path in
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    func finding(_ rule: String, at element: MarkupElement, _ message: String) -> ValidationFinding {
        ValidationFinding(path: path, line: element.line, column: element.column, rule: rule, message: message)
    }

    func finding(_ rule: String, at attribute: MarkupAttribute, _ message: String) -> ValidationFinding {
        ValidationFinding(path: path, line: attribute.line, column: attribute.column, rule: rule, message: message)
    }

    /// Finding at the first occurrence of `text` inside `element`'s source (its start tag or
    /// content), or at the element when the text cannot be found verbatim (e.g. it was written
    /// with character references).
    func finding(_ rule: String, text: String, inside element: MarkupElement, _ message: String) -> ValidationFinding {
        if let start = element.sourceOffset,
           let offset = source.firstOffset(of: Array(text.utf8), in: start..<source.bytes.count) {
            let position = source.position(of: offset)
            return ValidationFinding(path: path, line: position.line, column: position.column,
                                     rule: rule, message: message)
        }
        return finding(rule, at: element, message)
    }
}

/// A check over the whole element tree.
protocol DocumentRule: Sendable {
    func check(_ context: RuleContext) -> [ValidationFinding]
}

extension String {
    /// Without leading and trailing ASCII whitespace (HTML's definition: space, tab, LF, FF, CR).
    /// Works on UTF-8 bytes: these five are single bytes that never occur inside a multi-byte
    /// character, so cutting at them keeps the text valid. Returns `self` when nothing is cut.
    var trimmingASCIIWhitespace: String {
        let bytes = utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isSpace($0) })!
        if first == bytes.startIndex && bytes.index(after: last) == bytes.endIndex { return self }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// Lower-cased for ASCII letters only (no locale, no Unicode case folding). Works on UTF-8
    /// bytes (A-Z are single bytes never inside a multi-byte character); returns `self` when
    /// there is no upper-case ASCII letter, which is the common case (names in the report).
    var asciiLowercased: String {
        guard utf8.contains(where: { $0 &- 0x41 < 26 }) else { return self }
        return String(decoding: utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
