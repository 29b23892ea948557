#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileAccess

/// The file-system calls publishing makes, as a seam so tests can make them fail like a full
/// disk or a forbidden folder would (the test machine runs as root, which ignores permissions).
///
/// Nothing here follows a symbolic link where it writes: temporary files and folders are created
/// exclusively under fresh random names, and `rename(2)` replaces a link rather than its target.
protocol FileOperations: Sendable {
    /// Creates a new file in `folder` named `.<name>.<random>.partial` with
    /// `open(O_CREAT | O_EXCL | O_NOFOLLOW)`, mode 0644 less the umask, writes all `bytes`,
    /// flushes them to disk (`fsync`; a large file's write-back is started as it is written,
    /// ``EarlyWriteBack``), closes it and returns its path. A file or link already at
    /// that name is never opened (a new random name is tried).
    func writeTemporaryFile(in folder: String, name: String, _ bytes: [UInt8]) throws(SystemFailure) -> String
    /// Like `writeTemporaryFile(in:name:_:)` with the bytes handed over piece by piece: `produce`
    /// calls its argument with each piece in order, so a large file is never in memory whole.
    func writeTemporaryFile(in folder: String, name: String,
                            pieces produce: (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void)
        throws(SystemFailure) -> String
    /// Creates a new folder in `folder` named `.<name>.<random>.partial` (mode 0755 less the
    /// umask) and returns its path.
    func createTemporaryFolder(in folder: String, name: String) throws(SystemFailure) -> String
    /// `rename(2)`: atomic replacement within one file system; then the folder is synced.
    func rename(_ source: String, to destination: String) throws(SystemFailure)
    /// `rename(2)` without the folder sync, for a run that syncs each folder once at its end
    /// (``FolderSyncs``).
    func renameLeavingFolderUnsynced(_ source: String, to destination: String) throws(SystemFailure)
    /// `fsync(2)` of the folder `folder` itself (makes the renames into it durable); failures
    /// are ignored.
    func syncFolder(_ folder: String)
    /// Atomically swaps two existing paths (`renameat2(RENAME_EXCHANGE)`); `false` when the
    /// system cannot (then nothing was changed).
    func exchange(_ first: String, _ second: String) -> Bool
    func removeFile(_ path: String)
    /// Removes `path` and, for a folder, everything in it, never following a symbolic link.
    func removeTree(_ path: String)
    func readFile(_ path: String) throws(SystemFailure) -> [UInt8]
    /// `mkdir(2)` with mode 0755; an existing folder (not a link to one) is not an error.
    func createFolder(_ path: String) throws(SystemFailure)
    /// Names in `path` (without `.` and `..`), sorted by byte order.
    func folderEntries(_ path: String) throws(SystemFailure) -> [String]
    /// A folder itself, not a symbolic link to one.
    func isFolder(_ path: String) -> Bool
    func fileExists(_ path: String) -> Bool
    func isSymbolicLink(_ path: String) -> Bool
    /// Opens (creating if needed, never through a link) `path` and takes an exclusive `flock`
    /// on it, waiting for any other holder. Returns the descriptor; closing it releases the lock.
    func lockExclusively(_ path: String) throws(SystemFailure) -> Int32
}

extension FileOperations {
    /// Renames and syncs, as ``rename(_:to:)`` does (for test doubles, which fake only `rename`).
    func renameLeavingFolderUnsynced(_ source: String, to destination: String) throws(SystemFailure) {
        try rename(source, to: destination)
    }

    /// Nothing (for test doubles, whose `rename` syncs).
    func syncFolder(_ folder: String) {}

    /// Gathers the pieces and writes them in one go (for test doubles that only fake the
    /// whole-file write).
    func writeTemporaryFile(in folder: String, name: String,
                            pieces produce: (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void)
        throws(SystemFailure) -> String {
        var all: [UInt8] = []
        try produce { (piece: [UInt8]) throws(SystemFailure) in all += piece }
        return try writeTemporaryFile(in: folder, name: name, all)
    }
}

/// The real POSIX calls.
struct POSIXFileOperations: FileOperations {
    func writeTemporaryFile(in folder: String, name: String, _ bytes: [UInt8]) throws(SystemFailure) -> String {
        try writeTemporaryFile(in: folder, name: name,
                               pieces: { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in try write(bytes) })
    }

    func writeTemporaryFile(in folder: String, name: String,
                            pieces produce: (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void)
        throws(SystemFailure) -> String {
        var attempts = 0
        while true {
            let path = Self.temporaryPath(in: folder, name: name)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor < 0 {
                let failure = SystemFailure.current
                attempts += 1
                if failure.code == EEXIST && attempts < 16 { continue }
                throw failure
            }
            var failure: SystemFailure?
            var writeBack = EarlyWriteBack()
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
                    if let stretch = writeBack.wrote(bytes.count) { EarlyWriteBack.start(stretch, descriptor: descriptor) }
                }
            } catch {
                failure = error
            }
            if failure == nil, fsync(descriptor) != 0 { failure = SystemFailure.current }
            if close(descriptor) != 0, failure == nil { failure = SystemFailure.current }
            if let failure {
                unlink(path)
                throw failure
            }
            return path
        }
    }

    func createTemporaryFolder(in folder: String, name: String) throws(SystemFailure) -> String {
        var attempts = 0
        while true {
            let path = Self.temporaryPath(in: folder, name: name)
            if mkdir(path, 0o755) == 0 { return path }
            let failure = SystemFailure.current
            attempts += 1
            if failure.code == EEXIST && attempts < 16 { continue }
            throw failure
        }
    }

    /// `folder/.name.<16 random hex digits>.partial`.
    static func temporaryPath(in folder: String, name: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = String(generator.next() as UInt64, radix: 16)
        let prefix = folder.isEmpty ? "" : (folder.hasSuffix("/") ? folder : folder + "/")
        return prefix + "." + name + "." + String(repeating: "0", count: 16 - random.count) + random + ".partial"
    }

    func rename(_ source: String, to destination: String) throws(SystemFailure) {
        try renameLeavingFolderUnsynced(source, to: destination)
        syncFolder(of: destination)
    }

    func renameLeavingFolderUnsynced(_ source: String, to destination: String) throws(SystemFailure) {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        if result != 0 { throw SystemFailure.current }
    }

    func exchange(_ first: String, _ second: String) -> Bool {
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        guard renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 else { return false }
        syncFolder(of: second)
        return true
        #else
        return false
        #endif
    }

    /// Makes a rename durable; a failure here does not undo it, so it is not reported.
    private func syncFolder(of path: String) {
        let slash = path.lastIndex(of: "/")
        syncFolder(slash.map { String(path[...$0]) } ?? ".")
    }

    func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            _ = fsync(descriptor)
            close(descriptor)
        }
    }

    func removeFile(_ path: String) {
        _ = unlink(path)
    }

    func removeTree(_ path: String) {
        if isFolder(path) {
            for name in (try? folderEntries(path)) ?? [] { removeTree(path + "/" + name) }
            _ = rmdir(path)
        } else {
            _ = unlink(path)
        }
    }

    func readFile(_ path: String) throws(SystemFailure) -> [UInt8] {
        // Regular files only: a pipe planted in the archive never hangs a publish.
        do { return try RegularFile.read(path) } catch { throw SystemFailure(error) }
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
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    func fileExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    func lockExclusively(_ path: String) throws(SystemFailure) -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemFailure.current }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let failure = SystemFailure.current
            close(descriptor)
            throw failure
        }
        return descriptor
    }
}
