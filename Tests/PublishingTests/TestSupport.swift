import Foundation
@testable import Publishing

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "publishing-tests-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = created.map { String(cString: $0) } ?? NSTemporaryDirectory()
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: file(name), contents: Data(text.utf8))
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func names(in folder: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? path : file(folder))) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A test double built on the real file operations: every call goes to `real` unless the
/// double says otherwise (it implements only the calls it changes).
protocol ForwardingFileOperations: FileOperations {
    var real: POSIXFileOperations { get }
}

extension ForwardingFileOperations {
    func writeTemporaryFile(in folder: String, name: String, _ bytes: [UInt8]) throws(SystemFailure) -> String {
        try real.writeTemporaryFile(in: folder, name: name, bytes)
    }

    func createTemporaryFolder(in folder: String, name: String) throws(SystemFailure) -> String {
        try real.createTemporaryFolder(in: folder, name: name)
    }

    func rename(_ source: String, to destination: String) throws(SystemFailure) { try real.rename(source, to: destination) }
    func exchange(_ first: String, _ second: String) -> Bool { real.exchange(first, second) }
    func removeFile(_ path: String) { real.removeFile(path) }
    func removeTree(_ path: String) { real.removeTree(path) }
    func readFile(_ path: String) throws(SystemFailure) -> [UInt8] { try real.readFile(path) }
    func createFolder(_ path: String) throws(SystemFailure) { try real.createFolder(path) }
    func folderEntries(_ path: String) throws(SystemFailure) -> [String] { try real.folderEntries(path) }
    func isFolder(_ path: String) -> Bool { real.isFolder(path) }
    func fileExists(_ path: String) -> Bool { real.fileExists(path) }
    func isSymbolicLink(_ path: String) -> Bool { real.isSymbolicLink(path) }
    func lockExclusively(_ path: String) throws(SystemFailure) -> Int32 { try real.lockExclusively(path) }
}

/// Real file operations, except that chosen calls fail with a chosen errno, as a full disk or
/// a forbidden folder would (the tests run as root, for whom permissions never fail).
struct FailingFileOperations: ForwardingFileOperations {
    var real = POSIXFileOperations()
    /// Fail `writeFile` with this errno after really writing the first half of the bytes.
    var writeFailure: Int32?
    var renameFailure: Int32?

    func writeTemporaryFile(in folder: String, name: String, _ bytes: [UInt8]) throws(SystemFailure) -> String {
        if let writeFailure {
            // Half the bytes really land on disk before the failure, as on a full disk.
            let path = try real.writeTemporaryFile(in: folder, name: name, Array(bytes.prefix(bytes.count / 2)))
            real.removeFile(path)
            throw SystemFailure(code: writeFailure)
        }
        return try real.writeTemporaryFile(in: folder, name: name, bytes)
    }

    func rename(_ source: String, to destination: String) throws(SystemFailure) {
        if let renameFailure { throw SystemFailure(code: renameFailure) }
        try real.rename(source, to: destination)
    }

    func exchange(_ first: String, _ second: String) -> Bool { renameFailure == nil && real.exchange(first, second) }
}

/// Real file operations, except that a temporary file gets other bytes than it is given:
/// `old` replaced by `new` in them (a file system that corrupts what it stores).
struct AlteringFileOperations: ForwardingFileOperations {
    var real = POSIXFileOperations()
    let old: String
    let new: String

    init(replacing old: String, with new: String) {
        self.old = old
        self.new = new
    }

    func writeTemporaryFile(in folder: String, name: String, _ bytes: [UInt8]) throws(SystemFailure) -> String {
        try real.writeTemporaryFile(in: folder, name: name, Array(String(decoding: bytes, as: UTF8.self).replacing(old, with: new).utf8))
    }
}

/// A small valid polyglot report whose heading is `heading` (already HTML-safe).
func validReport(_ heading: String) -> String {
    """
    <!DOCTYPE html>
    <html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
    <head>
    <meta charset="utf-8" />
    <title>Retention report</title>
    </head>
    <body>
    <h1>\(heading)</h1>
    </body>
    </html>

    """
}
