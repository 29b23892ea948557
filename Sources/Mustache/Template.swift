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
    ///   parse or read, partials nested more than 100 deep, or a rendering past its `limits`.
    ///   - limits: the most work and output one rendering may take (``TemplateLimits``).
    public func render(_ context: MustacheValue, partials: PartialResolver = .none, strict: Bool = false,
                       limits: TemplateLimits = .standard) throws(MustacheError) -> String {
        var renderer = TemplateRenderer(context: context, resolver: partials, strict: strict, limits: limits, rootPath: path)
        try renderer.render(nodes)
        return renderer.output
    }
}
