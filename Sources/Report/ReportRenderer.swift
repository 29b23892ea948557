import Mustache

/// Renders a report's context through the templates: `report.mustache` and its partials,
/// looked up first in the user's folder (if any), then in the default templates, so a user
/// overrides only the files they copy. Partials that exist nowhere are an error (strict mode).
public struct ReportRenderer: Sendable {
    public let directories: [String]

    /// - Parameters:
    ///   - userTemplates: the `--templates` folder, searched first.
    ///   - defaultTemplates: the templates that ship with the tool.
    public init(userTemplates: String?, defaultTemplates: String) {
        directories = (userTemplates.map { [$0] } ?? []) + [defaultTemplates]
    }

    public func render(_ context: MustacheValue, templateNamed name: String = "report") throws(MustacheError) -> String {
        try TemplateLibrary(directories: directories).render(templateNamed: name, context: context, strict: true)
    }
}
