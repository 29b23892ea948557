#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the file at `path` was not opened or read.
public struct FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// A system call failed with this `errno` (`ENOENT`, `EACCES`, `EIO`, …).
        case system(code: Int32)
        /// The path names something other than a regular file, which is never read.
        case notRegularFile(FileKind)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The reason in words: the system's text (`No such file or directory`) or the kind of file
    /// (`it is a named pipe (FIFO), not a regular file`). Callers add the path and context.
    public var reasonText: String {
        switch reason {
        case .system(let code): return String(cString: strerror(code))
        case .notRegularFile(let kind): return "it is \(kind), not a regular file"
        }
    }

    /// `<path>: <reasonText>`.
    public var description: String { path + ": " + reasonText }
}
