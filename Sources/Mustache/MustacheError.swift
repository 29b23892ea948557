/// Where a tag sits in a template: the template's path, 1-based line and 1-based column
/// (counted in Unicode scalars from the start of the line).
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }
}

/// The kind of a tag pair, named as the error messages name it.
public enum SectionKind: String, Sendable, Equatable {
    case section = "section"
    case invertedSection = "inverted section"
    case parent = "parent"
    case block = "block"
}

/// Why a template could not be parsed or rendered. The description is one line,
/// `path:line:column: error: message`, pointing at the tag to fix.
public enum MustacheError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `{{#name}}` (or `{{^name}}`, `{{<name}}`, `{{$name}}`) without its `{{/name}}`.
    case unclosedSection(SectionKind, name: String, at: SourceLocation)
    /// `{{/name}}` closing a different tag pair than the innermost open one.
    case mismatchedClosingTag(name: String, open: SectionKind, openName: String, openedAt: SourceLocation, at: SourceLocation)
    /// `{{/name}}` with nothing open.
    case unexpectedClosingTag(name: String, at: SourceLocation)
    /// An opening delimiter without its closing delimiter (`expected` is what was looked for).
    case unclosedTag(expected: String, at: SourceLocation)
    /// A set-delimiter tag that is not `{{=open close=}}` with two non-empty delimiters.
    case invalidDelimiters(content: String, at: SourceLocation)
    /// A tag with nothing but whitespace as its name, like `{{ }}` or `{{#}}`.
    case emptyTagName(at: SourceLocation)
    /// A tag name containing whitespace, like `{{first name}}`.
    case whitespaceInTagName(name: String, at: SourceLocation)
    /// A partial or parent the resolver does not know (strict rendering only).
    case partialNotFound(name: String, at: SourceLocation)
    /// Partials including partials deeper than the limit: almost always a partial that
    /// includes itself without a section that stops the recursion.
    case partialNestingTooDeep(name: String, limit: Int, at: SourceLocation)
    /// Tag pairs nested deeper than the limit.
    case sectionNestingTooDeep(limit: Int, at: SourceLocation)
    /// A template file that exists but cannot be read as UTF-8 text.
    case unreadableTemplate(path: String, reason: String)
    /// ``TemplateLibrary`` found no `<name>.mustache` in any of its directories.
    case templateNotFound(name: String, directories: [String])
    /// Rendering `template` went past one of its ``TemplateLimits``; `partial` and `at` name the
    /// innermost partial being expanded at that moment (nil: the template itself).
    case renderLimitExceeded(template: String, limit: TemplateLimits.Kind, partial: String?, at: SourceLocation?)

    public var description: String {
        switch self {
        case let .unclosedSection(kind, name, at):
            "\(at): error: \(kind.rawValue) \"\(name)\" opened here is never closed"
        case let .mismatchedClosingTag(name, open, openName, openedAt, at):
            "\(at): error: closing tag \"\(name)\" does not match \(open.rawValue) \"\(openName)\" opened at \(openedAt.line):\(openedAt.column)"
        case let .unexpectedClosingTag(name, at):
            "\(at): error: closing tag \"\(name)\" has no opening tag"
        case let .unclosedTag(expected, at):
            "\(at): error: tag opened here is never closed (expected \"\(expected)\")"
        case let .invalidDelimiters(content, at):
            "\(at): error: set-delimiter tag \"\(content)\" must be two delimiters separated by a space between equals signs, like {{=<% %>=}}"
        case let .emptyTagName(at):
            "\(at): error: tag has an empty name"
        case let .whitespaceInTagName(name, at):
            "\(at): error: tag name \"\(name)\" contains whitespace"
        case let .partialNotFound(name, at):
            "\(at): error: partial \"\(name)\" not found"
        case let .partialNestingTooDeep(name, limit, at):
            "\(at): error: partial \"\(name)\" nested more than \(limit) levels deep (does it include itself without a stopping section?)"
        case let .sectionNestingTooDeep(limit, at):
            "\(at): error: sections nested more than \(limit) levels deep"
        case let .unreadableTemplate(path, reason):
            "\(path): error: cannot read template: \(reason)"
        case let .renderLimitExceeded(template, limit, partial, at):
            "\(template): error: rendering stopped: \(limit)"
                + (partial.map { " while expanding partial \"\($0)\"" + (at.map { " included at \($0)" } ?? "") } ?? "")
                + "; do partials include each other many times over?"
        case let .templateNotFound(name, directories):
            "error: template \"\(name)\" not found (looked for \(name).mustache in \(directories.isEmpty ? "no directories" : directories.joined(separator: ", ")))"
        }
    }
}
