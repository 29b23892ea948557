#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open input file, read with positioned reads so several threads can share it.
final class FileSource: @unchecked Sendable {
    let path: String
    let size: Int
    private let fd: Int32

    /// Why a file cannot be opened or read.
    struct Failure: Error, Equatable { var reason: String }

    init(path: String) throws(Failure) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(reason: FileSource.errorText(errno)) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw Failure(reason: FileSource.errorText(e))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw Failure(reason: "it is a directory")
        }
        self.fd = fd
        self.size = Int(st.st_size)
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
