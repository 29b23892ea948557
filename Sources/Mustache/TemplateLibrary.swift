/// Templates read from directories, searched in order: `<directory>/<name>.mustache` from the
/// first directory that has it. List a user's template directory before the defaults and the
/// user's files replace the defaults file by file, for the main template and partials alike.
public struct TemplateLibrary: Sendable {
    public let directories: [String]
    /// Resolves partials and parents; also caches the main templates.
    public let partials: PartialResolver

    /// Whether templates compiled into the program are searched after the directories.
    public let hasBuiltIns: Bool

    /// Directories first, then `builtIn` (name → source; errors in one are reported against
    /// `builtInPath(name)`, by default `name.mustache`).
    public init(directories: [String], builtIn: [String: String] = [:],
                builtInPath: @escaping @Sendable (String) -> String = { "\($0).mustache" }) {
        self.directories = directories
        hasBuiltIns = !builtIn.isEmpty
        partials = .directories(directories, builtIn: builtIn, builtInPath: builtInPath)
    }

    /// The parsed template `name` (without `.mustache`).
    public func template(named name: String) throws(MustacheError) -> Template {
        guard let template = try partials.template(named: name) else {
            throw .templateNotFound(name: name, directories: directories + (hasBuiltIns ? ["the built-in templates"] : []))
        }
        return template
    }

    /// Renders template `name` against `context`. Strict by default: a partial that no
    /// directory has is an error rather than silently empty output.
    public func render(templateNamed name: String, context: MustacheValue, strict: Bool = true,
                       limits: TemplateLimits = .standard) throws(MustacheError) -> String {
        try template(named: name).render(context, partials: partials, strict: strict, limits: limits)
    }
}
