#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls publishing makes, as a seam so tests can make them fail like a full
/// disk or a forbidden folder would (the test machine runs as root, which ignores permissions).
protocol FileOperations: Sendable {
    /// Creates or truncates `path` (mode 0644 before umask), writes all `bytes`, flushes them to
    /// disk (`fsync`) and closes the file.
    func writeFile(_ path: String, _ bytes: [UInt8]) throws(SystemFailure)
    /// Like `writeFile(_:_:)` with the bytes handed over piece by piece: `produce` calls its
    /// argument with each piece in order, so a large file never has to be in memory whole.
    func writeFile(_ path: String, pieces produce: (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void)
        throws(SystemFailure)
    /// `rename(2)`: atomic replacement within one file system; then the folder is synced.
    func rename(_ source: String, to destination: String) throws(SystemFailure)
    func removeFile(_ path: String)
    func readFile(_ path: String) throws(SystemFailure) -> [UInt8]
    /// `mkdir(2)` with mode 0755; an existing folder is not an error.
    func createFolder(_ path: String) throws(SystemFailure)
    /// Names in `path` (without `.` and `..`), sorted by byte order.
    func folderEntries(_ path: String) throws(SystemFailure) -> [String]
    func isFolder(_ path: String) -> Bool
    func fileExists(_ path: String) -> Bool
}

extension FileOperations {
    /// Gathers the pieces and writes them in one go (for test doubles that only fake `writeFile(_:_:)`).
    func writeFile(_ path: String, pieces produce: (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void)
        throws(SystemFailure) {
        var all: [UInt8] = []
        try produce { (piece: [UInt8]) throws(SystemFailure) in all += piece }
        try writeFile(path, all)
    }
}

/// The real POSIX calls.
struct POSIXFileOperations: FileOperations {
    func writeFile(_ path: String, _ bytes: [UInt8]) throws(SystemFailure) {
        try writeFile(path, pieces: { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in try write(bytes) })
    }

    func writeFile(_ path: String, pieces produce: (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void)
        throws(SystemFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemFailure.current }
        var failure: SystemFailure?
        do {
            try produce { (bytes: [UInt8]) throws(SystemFailure) in
                var error: SystemFailure?
                bytes.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            error = SystemFailure.current
                            return
                        }
                        offset += written
                    }
                }
                if let error { throw error }
            }
        } catch {
            failure = error
        }
        if failure == nil, fsync(descriptor) != 0 { failure = SystemFailure.current }
        if close(descriptor) != 0, failure == nil { failure = SystemFailure.current }
        if let failure { throw failure }
    }

    func rename(_ source: String, to destination: String) throws(SystemFailure) {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        if result != 0 { throw SystemFailure.current }
        // Make the rename itself durable; a failure here does not undo it, so it is not reported.
        let slash = destination.lastIndex(of: "/")
        let folder = slash.map { String(destination[...$0]) } ?? "."
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    func removeFile(_ path: String) {
        _ = unlink(path)
    }

    func readFile(_ path: String) throws(SystemFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemFailure.current }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemFailure.current
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    func createFolder(_ path: String) throws(SystemFailure) {
        if mkdir(path, 0o755) != 0 {
            let failure = SystemFailure.current
            if failure.code == EEXIST && isFolder(path) { return }
            throw failure
        }
    }

    func folderEntries(_ path: String) throws(SystemFailure) -> [String] {
        guard let folder = opendir(path) else { throw SystemFailure.current }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
