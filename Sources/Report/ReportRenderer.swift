import BuiltInTemplates
import Mustache

/// Renders a report's context through the templates: `report.mustache` and its partials,
/// looked up first in the user's folder (if any), then in the default templates folder (if
/// any), then in the templates compiled into the program (``BuiltInTemplates``), so a user
/// overrides only the files they copy. Partials that exist nowhere are an error (strict mode).
public struct ReportRenderer: Sendable {
    public let directories: [String]

    /// - Parameters:
    ///   - userTemplates: the `--templates` folder, searched first.
    ///   - defaultTemplates: a folder of default templates searched before the built-in ones
    ///     (`$RETENTION_TEMPLATES`), or nil for the built-in ones only.
    public init(userTemplates: String?, defaultTemplates: String? = nil) {
        directories = (userTemplates.map { [$0] } ?? []) + (defaultTemplates.map { [$0] } ?? [])
    }

    public func render(_ context: MustacheValue, templateNamed name: String = "report") throws(MustacheError) -> String {
        try TemplateLibrary(directories: directories, builtIn: BuiltInTemplates.sources, builtInPath: BuiltInTemplates.path)
            .render(templateNamed: name, context: context, strict: true)
    }
}
