/// Templates read from directories, searched in order: `<directory>/<name>.mustache` from the
/// first directory that has it. List a user's template directory before the defaults and the
/// user's files replace the defaults file by file, for the main template and partials alike.
public struct TemplateLibrary: Sendable {
    public let directories: [String]
    /// Resolves partials and parents; also caches the main templates.
    public let partials: PartialResolver

    public init(directories: [String]) {
        self.directories = directories
        partials = .directories(directories)
    }

    /// The parsed template `name` (without `.mustache`).
    public func template(named name: String) throws(MustacheError) -> Template {
        guard let template = try partials.template(named: name) else {
            throw .templateNotFound(name: name, directories: directories)
        }
        return template
    }

    /// Renders template `name` against `context`. Strict by default: a partial that no
    /// directory has is an error rather than silently empty output.
    public func render(templateNamed name: String, context: MustacheValue, strict: Bool = true) throws(MustacheError) -> String {
        try template(named: name).render(context, partials: partials, strict: strict)
    }
}
