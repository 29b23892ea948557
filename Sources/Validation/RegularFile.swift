#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file the tool was asked to read, only if it is a regular file: a named pipe would
/// block the run forever and a device such as `/dev/zero` never ends, so both are refused
/// with a message before any byte is read (the file is opened non-blocking, then checked).
public enum RegularFile {
    /// Why a file was not read.
    public struct Failure: Error, Sendable, Equatable {
        public var message: String
    }

    /// The whole file; a failure names the kind of file (`it is a named pipe (FIFO), not a
    /// regular file`) or the system's reason (`No such file or directory`).
    public static func read(_ path: String) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Failure(message: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(Failure(message: String(cString: strerror(errno)))) }
        if let kind = kind(of: status.st_mode) {
            return .failure(Failure(message: "it is \(kind), not a regular file"))
        }
        // At most the size seen when opened: a file that grows while read cannot make this endless.
        let size = Int(status.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + total, size - total) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(message: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            total += count
        }
        if total < size { bytes.removeSubrange(total...) }
        return .success(bytes)
    }

    /// "a named pipe (FIFO)", "a character device", …; nil for a regular file.
    public static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}
