#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileAccess

/// An operating-system error (`errno`) with the system's wording and, for the failures a user
/// can fix, what to do about it.
public struct SystemFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int32

    public init(code: Int32) { self.code = code }

    /// A failed read as an `errno`: a folder is `EISDIR`, any other file that is not regular `EINVAL`.
    init(_ error: FileReadError) {
        switch error.reason {
        case .system(let code): self.code = code
        case .notRegularFile(.directory): code = EISDIR
        case .notRegularFile: code = EINVAL
        }
    }

    /// The system's text for `code`, e.g. "No space left on device".
    public var reason: String { String(cString: strerror(code)) }

    /// What the user can do, for the failures that have a usual fix.
    public var advice: String? {
        switch code {
        case ENOSPC, EDQUOT: return "free some disk space (or quota) on that volume and run again"
        case EACCES, EPERM: return "check that you may write to that folder, or choose another output folder"
        case EROFS: return "the file system is read-only; choose another output folder"
        case ENOENT: return "the folder does not exist; create it or choose another output folder"
        case ENOTDIR: return "part of the path is a file, not a folder; choose another output folder"
        case EISDIR: return "the destination is a folder; give a file name"
        default: return nil
        }
    }

    public var description: String {
        advice.map { "\(reason) (\($0))" } ?? reason
    }

    static var current: SystemFailure { SystemFailure(code: errno) }
}
