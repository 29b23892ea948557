#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of file system object a path names, from `st_mode`'s `S_IFMT` bits.
///
/// Only regular files are read: a named pipe blocks until someone writes to it, a device such as
/// `/dev/zero` never ends, and a socket or a folder has no bytes to read.
public enum FileKind: Sendable, Equatable, CustomStringConvertible {
    case regular, directory, namedPipe, characterDevice, blockDevice, socket, other

    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .namedPipe
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// The kind in words, as messages use it: "a named pipe (FIFO)", "a character device", ….
    public var description: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .namedPipe: return "a named pipe (FIFO)"
        case .characterDevice: return "a character device"
        case .blockDevice: return "a block device"
        case .socket: return "a socket"
        case .other: return "a special file"
        }
    }
}
