import Foundation
import PackagePlugin

/// Build-tool plugin: compiles every `Templates/*.mustache` of the package into the target as
/// Swift source (`BuiltInTemplates.generated.swift`), so the executable carries its default
/// templates and runs from anywhere. Re-run by the build whenever a template changes.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appendingPathComponent("Templates")
        let templates = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mustache" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltInTemplates.generated.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(templates.count) default templates",
                executable: try context.tool(named: "embed-templates").url,
                arguments: [output.path] + templates.map(\.path),
                inputFiles: templates,
                outputFiles: [output]
            ),
        ]
    }
}
