/// Turns tokens into a tree, applying the spec's whitespace rules for standalone lines.
///
/// A line is *standalone* when it holds at least one tag other than an interpolation, no
/// interpolation, and nothing but spaces and tabs besides: such a line is left out of the
/// output entirely (its indentation and its line ending). Several tags may share a standalone
/// line (`{{<parent}}{{/parent}}`), except a block opened and closed on the same line, whose
/// line stays (the inheritance spec's "Standalone block" case).
///
/// Indentation: the whitespace before a standalone partial or parent tag is prepended to each
/// line of the included template. A block opened on a standalone line has *intrinsic*
/// indentation, the leading whitespace of the line below its opening tag: that much is removed
/// from each line of its body where it is defined and the expansion site's indentation is
/// added where it is rendered, so overriding content adopts the indentation of the block it
/// replaces. A block opened inline takes the whitespace before it on its line (if only
/// whitespace precedes it) for its lines after the first.
struct TemplateParser {
    static let nestingLimit = 200

    private struct OpenPair {
        let kind: SectionKind
        let name: String
        let location: SourceLocation
        /// Removed from the start of each source line inside this pair.
        let stripPrefix: String
        /// For parents: the standalone indentation; for blocks: the expansion indentation.
        let indentation: String
        var nodes: [TemplateNode] = []
    }

    private var pairs: [OpenPair]
    private let path: String

    private init(path: String) {
        self.path = path
        pairs = [OpenPair(kind: .section, name: "", location: SourceLocation(path: path, line: 1, column: 1), stripPrefix: "", indentation: "")]
    }

    static func parse(source: String, path: String) throws(MustacheError) -> [TemplateNode] {
        var tokenizer = TemplateTokenizer(source: source, path: path)
        let lines = splitLines(try tokenizer.tokens())
        var parser = TemplateParser(path: path)
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1] : []
            try parser.add(line: line, nextLine: next)
        }
        if let unclosed = parser.pairs.last, parser.pairs.count > 1 {
            throw .unclosedSection(unclosed.kind, name: unclosed.name, at: unclosed.location)
        }
        return merged(parser.pairs[0].nodes)
    }

    private static func splitLines(_ tokens: [Token]) -> [[Token]] {
        var lines: [[Token]] = []
        var current: [Token] = []
        for token in tokens {
            current.append(token)
            if case .text(_, endsLine: true) = token {
                lines.append(current)
                current = []
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private mutating func add(line: [Token], nextLine: [Token]) throws(MustacheError) {
        let prefix = pairs[pairs.count - 1].stripPrefix
        if Self.isStandalone(line) {
            var indentation = ""
            if case .text(let text, endsLine: false) = line.first {
                indentation = Self.removing(prefix, from: text)
            }
            for case .tag(let tag) in line {
                try add(tag, standalone: true, indentation: indentation, nextLine: nextLine)
            }
            return
        }
        let insideParent = pairs[pairs.count - 1].kind == .parent
        if !insideParent, !Self.isBareLineEnding(line) { append(.lineStart) }
        var leadingWhitespace: String? = ""
        for (index, token) in line.enumerated() {
            switch token {
            case .text(var text, _):
                if index == 0 { text = Self.removing(prefix, from: text) }
                if !text.isEmpty { append(.text(text)) }
                if let soFar = leadingWhitespace, Self.isSpaces(text) {
                    leadingWhitespace = soFar + text
                } else {
                    leadingWhitespace = nil
                }
            case .tag(let tag):
                try add(tag, standalone: false, indentation: leadingWhitespace ?? "", nextLine: nextLine)
                leadingWhitespace = nil
            }
        }
    }

    private mutating func add(_ tag: Tag, standalone: Bool, indentation: String, nextLine: [Token]) throws(MustacheError) {
        let prefix = pairs[pairs.count - 1].stripPrefix
        switch tag.kind {
        case .comment, .setDelimiters:
            return
        case .variable(let escaped):
            append(.variable(TagName(tag.name), escaped: escaped))
        case .partial:
            append(.partial(Self.reference(tag.name), indentation: standalone ? indentation : "", at: tag.location))
        case .sectionOpen:
            try open(OpenPair(kind: .section, name: tag.name, location: tag.location, stripPrefix: prefix, indentation: ""))
        case .invertedOpen:
            try open(OpenPair(kind: .invertedSection, name: tag.name, location: tag.location, stripPrefix: prefix, indentation: ""))
        case .parentOpen:
            try open(OpenPair(kind: .parent, name: tag.name, location: tag.location, stripPrefix: prefix,
                              indentation: standalone ? indentation : ""))
        case .blockOpen:
            if standalone {
                var intrinsic = ""
                if case .text(let text, _) = nextLine.first {
                    intrinsic = String(text.prefix(while: { $0 == " " || $0 == "\t" }))
                }
                try open(OpenPair(kind: .block, name: tag.name, location: tag.location, stripPrefix: intrinsic,
                                  indentation: Self.removing(prefix, from: intrinsic)))
            } else {
                try open(OpenPair(kind: .block, name: tag.name, location: tag.location, stripPrefix: prefix,
                                  indentation: indentation))
            }
        case .close:
            try close(tag)
        }
    }

    private mutating func open(_ pair: OpenPair) throws(MustacheError) {
        if pairs.count > Self.nestingLimit {
            throw .sectionNestingTooDeep(limit: Self.nestingLimit, at: pair.location)
        }
        pairs.append(pair)
    }

    private mutating func close(_ tag: Tag) throws(MustacheError) {
        guard pairs.count > 1, let pair = pairs.last else {
            throw .unexpectedClosingTag(name: tag.name, at: tag.location)
        }
        guard pair.name == tag.name else {
            throw .mismatchedClosingTag(name: tag.name, open: pair.kind, openName: pair.name,
                                        openedAt: pair.location, at: tag.location)
        }
        pairs.removeLast()
        let body = Self.merged(pair.nodes)
        switch pair.kind {
        case .section:
            append(.section(TagName(pair.name), inverted: false, body: body))
        case .invertedSection:
            append(.section(TagName(pair.name), inverted: true, body: body))
        case .block:
            append(.block(pair.name, indentation: pair.indentation, body: body))
        case .parent:
            // Only the blocks inside a parent tag pair mean anything; other content is ignored.
            var blocks: [String: [TemplateNode]] = [:]
            for case let .block(name, _, blockBody) in body where blocks[name] == nil {
                blocks[name] = blockBody
            }
            append(.parent(Self.reference(pair.name), indentation: pair.indentation, blocks: blocks, at: pair.location))
        }
    }

    private mutating func append(_ node: TemplateNode) {
        pairs[pairs.count - 1].nodes.append(node)
    }

    private static func reference(_ name: String) -> TemplateReference {
        name.hasPrefix("*") ? .dynamic(TagName(String(name.dropFirst()))) : .named(name)
    }

    private static func isStandalone(_ line: [Token]) -> Bool {
        var sawTag = false
        var openBlocks: [String] = []
        for token in line {
            switch token {
            case .text(let text, _):
                guard isSpaces(text) else { return false }
            case .tag(let tag):
                guard tag.kind.canStandAlone else { return false }
                if tag.kind == .blockOpen { openBlocks.append(tag.name) }
                if tag.kind == .close, openBlocks.contains(tag.name) { return false }
                sawTag = true
            }
        }
        return sawTag
    }

    /// Spaces and tabs, optionally followed by one line ending (`\n` or `\r\n`).
    private static func isSpaces(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasSuffix("\r\n") || body.hasSuffix("\n") { body = body.dropLast() }
        return body.allSatisfy { $0 == " " || $0 == "\t" }
    }

    private static func isBareLineEnding(_ line: [Token]) -> Bool {
        guard line.count == 1, case .text(let text, _) = line[0] else { return false }
        return text == "\n" || text == "\r\n"
    }

    /// `text` without as much of `prefix` as it starts with.
    private static func removing(_ prefix: String, from text: String) -> String {
        guard !prefix.isEmpty else { return text }
        var index = text.startIndex
        for character in prefix {
            guard index < text.endIndex, text[index] == character else { break }
            index = text.index(after: index)
        }
        return String(text[index...])
    }

    /// Joins neighbouring text nodes so rendering appends fewer, longer strings.
    private static func merged(_ nodes: [TemplateNode]) -> [TemplateNode] {
        var result: [TemplateNode] = []
        result.reserveCapacity(nodes.count)
        var pendingText = ""
        for node in nodes {
            if case .text(let text) = node {
                pendingText += text
                continue
            }
            if !pendingText.isEmpty {
                result.append(.text(pendingText))
                pendingText = ""
            }
            result.append(node)
        }
        if !pendingText.isEmpty { result.append(.text(pendingText)) }
        return result
    }
}
