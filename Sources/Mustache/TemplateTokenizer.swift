/// What a tag does, from its sigil.
enum TagKind: Equatable {
    case variable(escaped: Bool)
    case sectionOpen
    case invertedOpen
    case parentOpen
    case blockOpen
    case close
    case partial
    case comment
    case setDelimiters

    /// Tags that leave their line out of the output when they stand alone on it.
    var canStandAlone: Bool {
        if case .variable = self { return false }
        return true
    }
}

struct Tag {
    let kind: TagKind
    /// Trimmed; a leading `*` (dynamic name) is kept and the space after it removed.
    let name: String
    let location: SourceLocation
}

enum Token {
    /// Literal text; at most one line: a piece that ends with `\n` has `endsLine`.
    case text(String, endsLine: Bool)
    case tag(Tag)
}

/// Splits template source into text pieces and tags, applying set-delimiter tags as it goes.
struct TemplateTokenizer {
    private let bytes: [UInt8]
    private let path: String
    private var position = 0
    private var line = 1
    private var lineStart = 0
    /// Byte offset whose column is `columnAtCursor`: columns are counted forward from the last
    /// tag on the same line, so long lines with many tags are still scanned once.
    private var columnCursor = 0
    private var columnAtCursor = 1
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)

    init(source: String, path: String) {
        bytes = Array(source.utf8)
        self.path = path
    }

    mutating func tokens() throws(MustacheError) -> [Token] {
        var tokens: [Token] = []
        while position < bytes.count {
            let tagStart = find(open, from: position) ?? bytes.count
            appendText(upTo: tagStart, into: &tokens)
            if tagStart < bytes.count {
                tokens.append(.tag(try readTag()))
            }
        }
        return tokens
    }

    private mutating func appendText(upTo end: Int, into tokens: inout [Token]) {
        var pieceStart = position
        var index = position
        while index < end {
            if bytes[index] == 0x0A {
                tokens.append(.text(String(decoding: bytes[pieceStart...index], as: UTF8.self), endsLine: true))
                line += 1
                lineStart = index + 1
                pieceStart = index + 1
            }
            index += 1
        }
        if pieceStart < end {
            tokens.append(.text(String(decoding: bytes[pieceStart..<end], as: UTF8.self), endsLine: false))
        }
        position = end
    }

    private mutating func readTag() throws(MustacheError) -> Tag {
        let location = currentLocation()
        var contentStart = position + open.count
        let sigil: UInt8? = contentStart < bytes.count ? bytes[contentStart] : nil
        var kind = TagKind.variable(escaped: true)
        var closing = close
        switch sigil {
        case UInt8(ascii: "{"): kind = .variable(escaped: false); closing = Array("}".utf8) + close
        case UInt8(ascii: "&"): kind = .variable(escaped: false)
        case UInt8(ascii: "#"): kind = .sectionOpen
        case UInt8(ascii: "^"): kind = .invertedOpen
        case UInt8(ascii: "<"): kind = .parentOpen
        case UInt8(ascii: "$"): kind = .blockOpen
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: "="): kind = .setDelimiters; closing = Array("=".utf8) + close
        default: break
        }
        if kind != .variable(escaped: true) { contentStart += 1 }

        guard let contentEnd = find(closing, from: contentStart) else {
            if kind == .setDelimiters, let end = find(close, from: contentStart) {
                throw .invalidDelimiters(content: text(position..<(end + close.count)), at: location)
            }
            throw .unclosedTag(expected: String(decoding: closing, as: UTF8.self), at: location)
        }
        let tagEnd = contentEnd + closing.count
        let content = text(contentStart..<contentEnd)
        // A tag whose content holds another opening delimiter is really an unclosed tag
        // followed by more template: report the first one, where the mistake is.
        if kind != .comment, find(open, from: contentStart, before: contentEnd) != nil {
            throw .unclosedTag(expected: String(decoding: closing, as: UTF8.self), at: location)
        }
        let tagText = text(position..<tagEnd)
        advance(to: tagEnd)

        switch kind {
        case .comment:
            return Tag(kind: kind, name: "", location: location)
        case .setDelimiters:
            let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            guard parts.count == 2 else { throw .invalidDelimiters(content: tagText, at: location) }
            open = Array(parts[0].utf8)
            close = Array(parts[1].utf8)
            return Tag(kind: kind, name: "", location: location)
        default:
            var name = Self.trimmed(content)
            if name.hasPrefix("*") { name = "*" + Self.trimmed(String(name.dropFirst())) }
            guard !name.isEmpty, name != "*" else { throw .emptyTagName(at: location) }
            if name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
                throw .whitespaceInTagName(name: name, at: location)
            }
            return Tag(kind: kind, name: name, location: location)
        }
    }

    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Moves past a tag, keeping the line count right for tags that span lines.
    private mutating func advance(to end: Int) {
        for index in position..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        position = end
    }

    private mutating func currentLocation() -> SourceLocation {
        if columnCursor < lineStart {
            columnCursor = lineStart
            columnAtCursor = 1
        }
        for index in columnCursor..<position where bytes[index] & 0xC0 != 0x80 {
            columnAtCursor += 1
        }
        columnCursor = position
        return SourceLocation(path: path, line: line, column: columnAtCursor)
    }

    private func find(_ needle: [UInt8], from start: Int, before limit: Int? = nil) -> Int? {
        let end = (limit ?? bytes.count) - needle.count
        guard let first = needle.first, start <= end else { return nil }
        var index = start
        while index <= end {
            if bytes[index] == first {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
