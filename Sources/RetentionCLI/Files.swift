import FileAccess
import Foundation
import Publishing
import Validation

/// Reading and writing the command line's own files, with errors that name the path.
enum Files {
    /// A file the command reads whole (a configuration, a previous metrics JSON): regular files
    /// only, so a pipe or a device never blocks or fills memory.
    static func read(_ path: String) throws -> [UInt8] {
        do {
            return try RegularFile.read(path)
        } catch {
            let reason = error.reason == .system(code: ENOENT) ? "no such file" : error.reasonText
            throw CommandFailure(message: "\(path): error: \(reason)", status: .inputError)
        }
    }

    static func readText(_ path: String) throws -> String {
        let bytes = try read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure(message: "\(path): error: not valid UTF-8 text", status: .inputError)
        }
        return text
    }

    /// Writes a file that is not a report (metrics JSON, context dumps, rendered templates, mail)
    /// through the same atomic write as reports, without validation: an interrupted write never
    /// leaves half a file, and a failure names the path.
    static func write(_ bytes: [UInt8], to path: String) throws {
        createParentFolder(of: path)
        do {
            try ReportPublisher().publish(data: bytes, to: path)
        } catch {
            throw CommandFailure(message: error.description, status: .outputError)
        }
    }

    /// Creates the folder a file goes into; a failure surfaces when the file itself is written.
    static func createParentFolder(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }
}
