import Foundation

/// Finds the default templates that ship with the tool.
///
/// Looked up, in order: `$RETENTION_TEMPLATES`; `./Templates` (running from a checkout);
/// `Templates` three levels above the executable (`.build/<config>/retention` in a checkout);
/// `../share/retention/Templates` beside the executable (an installed copy).
enum TemplateLocator {
    static let marker = "report.mustache"

    static func defaultDirectory() -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["RETENTION_TEMPLATES"], !env.isEmpty {
            candidates.append(env)
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/Templates")
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let binDirectory = executable.deletingLastPathComponent()
        candidates.append(binDirectory.appendingPathComponent("../../../Templates").standardized.path)
        candidates.append(binDirectory.appendingPathComponent("../../Templates").standardized.path)
        candidates.append(binDirectory.appendingPathComponent("../share/retention/Templates").standardized.path)
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + marker) }
    }
}
