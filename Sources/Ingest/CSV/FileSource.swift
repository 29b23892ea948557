#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open input file, read with positioned reads so several threads can share it.
///
/// Only regular files are inputs: a FIFO, a device such as `/dev/zero`, a socket or a folder is
/// refused when opened (a FIFO is opened non-blocking, so a pipe nobody writes to cannot hang
/// the run). `size` is the size when opened; readers stop at the real end of the data, and
/// `changeSinceOpened()` says whether the file was truncated, grew or was rewritten meanwhile.
final class FileSource: @unchecked Sendable {
    let path: String
    let size: Int
    private let fd: Int32
    private let openedModification: timespec

    /// Why a file cannot be opened or read.
    struct Failure: Error, Equatable { var reason: String }

    init(path: String) throws(Failure) {
        self.path = path
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(reason: FileSource.errorText(errno)) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw Failure(reason: FileSource.errorText(e))
        }
        if let kind = FileSource.nonRegularKind(st.st_mode) {
            close(fd)
            throw Failure(reason: kind == "a directory" ? "it is a directory"
                : "it is \(kind), not a regular file; give the path of the exported file itself")
        }
        self.fd = fd
        self.size = Int(st.st_size)
        self.openedModification = st.st_mtim
    }

    /// What a file that is not a regular file is, in words ("a named pipe (FIFO)"); nil for a
    /// regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// How the file differs from when it was opened (size or modification time), in words;
    /// nil when it is unchanged.
    func changeSinceOpened() -> String? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let now = Int(st.st_size)
        if now < size { return "it was truncated while it was read (\(size) bytes when opened, \(now) after)" }
        if now > size { return "it grew while it was read (\(size) bytes when opened, \(now) after)" }
        if st.st_mtim.tv_sec != openedModification.tv_sec || st.st_mtim.tv_nsec != openedModification.tv_nsec {
            return "it was rewritten while it was read"
        }
        return nil
    }

    deinit { close(fd) }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns the number read (0 at end).
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(Failure) -> Int {
        var total = 0
        while total < count {
            let n = pread(fd, buffer + total, count - total, off_t(offset + total))
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: FileSource.errorText(errno))
            }
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// Reads up to `count` bytes at `offset` into `array[start...]`.
    func read(into array: inout [UInt8], start: Int, count: Int, at offset: Int) throws(Failure) -> Int {
        let result: Result<Int, Failure> = array.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return .success(0) }
            do throws(Failure) { return .success(try read(into: base + start, count: count, at: offset)) }
            catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The whole file.
    func readAll() throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        let n = try read(into: &bytes, start: 0, count: size, at: 0)
        if n < size { bytes.removeSubrange(n...) }
        return bytes
    }

    /// The file warning for a change found by `changeSinceOpened()`.
    static func changeWarning(_ change: String) -> String {
        "the file changed while it was read: \(change); the rows read were used, run the report again "
            + "once the export is complete"
    }

    static func errorText(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "it is a directory"
        default:
            if let s = strerror(code) { return String(cString: s) }
            return "error \(code)"
        }
    }
}
