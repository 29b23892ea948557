import Foundation

/// Which templates render: only what the user names selects templates.
///
/// In order: `--templates DIR` (or the config key `templates`), then `$RETENTION_TEMPLATES`
/// (a folder, for an operator who restyles every run), then the default templates compiled
/// into the executable (`BuiltInTemplates`). A `Templates` folder in the working directory or
/// beside the executable is *not* looked at: a stray folder must not change the report.
enum TemplateLocator {
    static let environmentVariable = "RETENTION_TEMPLATES"

    /// `$RETENTION_TEMPLATES` when set and not empty; an error when it is not a folder.
    static func defaultDirectory() throws -> String? {
        guard let folder = ProcessInfo.processInfo.environment[environmentVariable], !folder.isEmpty else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(message: "\(folder): error: no such templates folder ($\(environmentVariable)); "
                + "unset it to use the built-in templates", status: .templateError)
        }
        return folder
    }
}
