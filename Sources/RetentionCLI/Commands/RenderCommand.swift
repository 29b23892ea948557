import Foundation
import BuiltInTemplates
import Mustache

/// `retention render`: renders any template against a JSON context, for template authors.
enum RenderCommand {
    static let spec = CommandSpec(
        name: "render",
        summary: "Render a Mustache template against a JSON context (see 'retention report --dump-context').",
        discussion: "Partials are looked up as NAME.mustache in --partials, then beside the template, then in $RETENTION_TEMPLATES, then in the built-in templates.",
        options: [
            OptionSpec("context", value: "FILE", help: "JSON file with the context (required)."),
            OptionSpec("partials", value: "DIR", help: "Folder to look up partials in first."),
            OptionSpec("out", value: "FILE", help: "Write the result to FILE instead of standard output."),
        ],
        positionals: [PositionalSpec("TEMPLATE", help: "The template file to render.")]
    )

    static func run(_ args: ParsedArguments, console: Console) throws -> ExitStatus {
        guard let contextPath = args.value("context") else { throw UsageError.missingValue(option: "context") }
        let templatePath = args.positionals[0]
        let source = try Files.readText(templatePath)
        let contextData = try Files.read(contextPath)
        let context: MustacheValue
        do {
            context = try MustacheValue(jsonData: Data(contextData))
        } catch {
            throw CommandFailure(message: "\(contextPath): error: not a JSON context: \(error)", status: .inputError)
        }
        var directories: [String] = []
        if let partials = args.value("partials") { directories.append(partials) }
        directories.append((templatePath as NSString).deletingLastPathComponent.isEmpty
                           ? "." : (templatePath as NSString).deletingLastPathComponent)
        if let defaults = try TemplateLocator.defaultDirectory() { directories.append(defaults) }
        let rendered: String
        do {
            let template = try Template(source: source, path: templatePath)
            rendered = try template.render(context, partials: .directories(directories, builtIn: BuiltInTemplates.sources,
                                                                          builtInPath: BuiltInTemplates.path), strict: true)
        } catch {
            throw CommandFailure(message: "\(error)", status: .templateError)
        }
        if let out = args.value("out") {
            try Files.write(Array(rendered.utf8), to: out)
        } else {
            console.out(rendered)
        }
        return .success
    }
}
