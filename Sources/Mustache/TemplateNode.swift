/// A name as written in a tag: `.` (the top of the context stack) or dotted parts `a.b.c`.
struct TagName: Sendable, Equatable {
    /// Empty for the implicit iterator `.`.
    let parts: [String]

    init(_ text: String) {
        parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    var isImplicitIterator: Bool { parts.isEmpty }
}

/// How a partial or parent tag names its template: literally (`{{>footer}}`) or through
/// the context (`{{>*kind}}`, the dynamic-names extension).
enum TemplateReference: Sendable, Equatable {
    case named(String)
    case dynamic(TagName)
}

/// A parsed template: literal text and tags, sections holding their bodies.
indirect enum TemplateNode: Sendable {
    case text(String)
    /// The start of a source line. Renders the current partial/block indentation, but only
    /// when the output is at the start of a line.
    case lineStart
    case variable(TagName, escaped: Bool)
    case section(TagName, inverted: Bool, body: [TemplateNode])
    /// `indentation` is the whitespace before a standalone tag, prepended to every line.
    case partial(TemplateReference, indentation: String, at: SourceLocation)
    /// `{{<parent}}…{{/parent}}`: renders `parent` with `blocks` overriding its blocks.
    case parent(TemplateReference, indentation: String, blocks: [String: [TemplateNode]], at: SourceLocation)
    /// `{{$name}}default{{/name}}`: the default or, when a parent call overrides `name`, the
    /// override, with `indentation` prepended to each of its lines.
    case block(String, indentation: String, body: [TemplateNode])
}
