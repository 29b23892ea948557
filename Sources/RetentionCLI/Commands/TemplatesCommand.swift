import BuiltInTemplates
import Foundation

/// `retention templates export DIR`: writes the built-in templates out, to restyle them and pass
/// the folder back with `--templates DIR`.
enum TemplatesCommand {
    static let spec = CommandSpec(
        name: "templates",
        summary: "Export the built-in templates to a folder, to restyle the report (then use --templates DIR).",
        discussion: """
        'retention templates export DIR' writes every built-in template as DIR/NAME.mustache (creating DIR) and
        prints their paths. Files already in DIR are not replaced unless --force is given. Keep only the files you
        change: with --templates DIR, any template missing from DIR comes from the built-in ones.
        """,
        options: [
            OptionSpec("force", help: "Replace templates already in DIR."),
        ],
        positionals: [
            PositionalSpec("ACTION", help: "export"),
            PositionalSpec("DIR", help: "The folder to write the templates into."),
        ]
    )

    static func run(_ args: ParsedArguments, console: Console) throws -> ExitStatus {
        guard args.positionals[0] == "export" else {
            throw CommandFailure(message: "retention: error: unknown templates action '\(args.positionals[0])' (expected: export)",
                                 status: .usage)
        }
        let folder = args.positionals[1]
        let paths = BuiltInTemplates.names.map { TemplatePath.join(folder, $0 + ".mustache") }
        if !args.flag("force"), let existing = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw CommandFailure(message: "\(existing): error: already exists; give --force to replace the templates in \(folder)",
                                 status: .outputError)
        }
        for (name, path) in zip(BuiltInTemplates.names, paths) {
            try Files.write(Array(BuiltInTemplates.sources[name]!.utf8), to: path)
            console.out(path + "\n")
        }
        return .success
    }
}

enum TemplatePath {
    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
