import Foundation

/// Reading and writing the command line's own files, with errors that name the path.
enum Files {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permission?)" : "no such file"
            throw CommandFailure(message: "\(path): error: \(reason)", status: .inputError)
        }
        return [UInt8](data)
    }

    static func readText(_ path: String) throws -> String {
        let bytes = try read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure(message: "\(path): error: not valid UTF-8 text", status: .inputError)
        }
        return text
    }

    /// Writes a file that is not a report (context dumps, rendered templates): temporary file
    /// beside the destination, then rename, so an interrupted write never leaves half a file.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure(message: "\(path): error: cannot write: \(error.localizedDescription)", status: .outputError)
        }
    }
}
