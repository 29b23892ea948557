#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file open for reading: the one way the tool reads a file it was given or finds
/// (exports, configurations, previous metrics, reports to validate, archive entries).
///
/// Opening refuses anything but a regular file before a byte is read: the file is opened
/// non-blocking (so a named pipe nobody writes to cannot hang the run), then `fstat` says what
/// it is. `size` is the size when opened and caps every read, so a file that grows while it is
/// read cannot make a read endless; ``changeSinceOpened()`` says whether it changed meanwhile.
/// Reads are positioned (`pread`), so several threads may share one open file.
public final class RegularFile: Sendable {
    public let path: String
    /// Bytes in the file when it was opened.
    public let size: Int
    private let descriptor: Int32
    private let openedModification: (seconds: Int, nanoseconds: Int)

    public init(path: String) throws(FileReadError) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: .system(code: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw FileReadError(path: path, reason: .system(code: code))
        }
        let kind = FileKind(mode: status.st_mode)
        guard kind == .regular else {
            close(descriptor)
            throw FileReadError(path: path, reason: .notRegularFile(kind))
        }
        self.path = path
        self.descriptor = descriptor
        size = Int(status.st_size)
        openedModification = (Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec))
    }

    deinit { close(descriptor) }

    /// The whole file at `path`, at most the size it had when opened.
    public static func read(_ path: String) throws(FileReadError) -> [UInt8] {
        try RegularFile(path: path).readAll()
    }

    /// The whole file, at most ``size`` bytes (fewer when it was cut meanwhile).
    public func readAll() throws(FileReadError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        let result: Result<Int, FileReadError> = bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return .success(0) }
            return Result { () throws(FileReadError) in try read(into: base, count: size, at: 0) }
        }
        let count = try result.get()
        if count < size { bytes.removeSubrange(count...) }
        return bytes
    }

    /// Reads up to `count` bytes at `offset` into `buffer`, retrying short and interrupted
    /// reads; returns the number read, fewer than `count` only at the end of the data.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(FileReadError) -> Int {
        var total = 0
        while total < count {
            let n = pread(descriptor, buffer + total, count - total, off_t(offset + total))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: .system(code: errno))
            }
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// How a file differs from when it was opened.
    public enum Change: Sendable, Equatable {
        /// Smaller now: `size` bytes.
        case truncated(size: Int)
        /// Larger now: `size` bytes.
        case grew(size: Int)
        /// Same size, another modification time.
        case rewritten
    }

    /// The change in size or modification time since the file was opened; nil when there is
    /// none (or the file can no longer be asked).
    public func changeSinceOpened() -> Change? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let now = Int(status.st_size)
        if now < size { return .truncated(size: now) }
        if now > size { return .grew(size: now) }
        if Int(status.st_mtim.tv_sec) != openedModification.seconds
            || Int(status.st_mtim.tv_nsec) != openedModification.nanoseconds {
            return .rewritten
        }
        return nil
    }
}
