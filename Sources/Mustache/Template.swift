/// A Mustache template, parsed once and rendered any number of times.
///
/// Implements the Mustache spec (interpolation, sections, inverted sections, comments,
/// partials, set delimiters) plus its optional inheritance (`{{<parent}}`, `{{$block}}`) and
/// dynamic names (`{{>*name}}`) modules; lambdas do not exist because templates hold no code.
public struct Template: Sendable {
    /// The path errors are reported against, e.g. `Templates/report.mustache`.
    public let path: String
    let nodes: [TemplateNode]

    /// Parses `source`. Throws the first syntax error, located in `path`.
    public init(source: String, path: String) throws(MustacheError) {
        self.path = path
        nodes = try TemplateParser.parse(source: source, path: path)
    }

    /// Renders the template against `context`.
    ///
    /// - Parameters:
    ///   - partials: where `{{>name}}` and `{{<name}}` find their templates.
    ///   - strict: when `true`, a partial or parent the resolver does not know is an error
    ///     (``MustacheError/partialNotFound(name:at:)``); when `false` it renders as nothing,
    ///     as the spec requires. A dynamic name that does not resolve renders as nothing in
    ///     both modes.
    /// - Throws: only ``MustacheError``: an unknown partial (strict), a partial that fails to
    ///   parse or read, or partials nested more than 100 deep.
    public func render(_ context: MustacheValue, partials: PartialResolver = .none, strict: Bool = false) throws(MustacheError) -> String {
        var renderer = TemplateRenderer(context: context, resolver: partials, strict: strict)
        try renderer.render(nodes)
        return renderer.output
    }
}
