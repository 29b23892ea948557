#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FileAccess

/// An open input file, read with positioned reads so several threads can share it.
///
/// Only regular files are inputs: a FIFO, a device such as `/dev/zero`, a socket or a folder is
/// refused when opened (see ``RegularFile``, which does the opening and reading). `size` is the
/// size when opened; readers stop at the real end of the data, and `changeSinceOpened()` says
/// whether the file was truncated, grew or was rewritten meanwhile. This type words the
/// failures and changes the way ingest messages say them.
final class FileSource: Sendable {
    let path: String
    let size: Int
    private let file: RegularFile

    /// Why a file cannot be opened or read.
    struct Failure: Error, Equatable { var reason: String }

    init(path: String) throws(Failure) {
        do { file = try RegularFile(path: path) } catch { throw Failure(error) }
        self.path = path
        size = file.size
    }

    /// How the file differs from when it was opened (size or modification time), in words;
    /// nil when it is unchanged.
    func changeSinceOpened() -> String? {
        switch file.changeSinceOpened() {
        case nil: return nil
        case .truncated(let now)?: return "it was truncated while it was read (\(size) bytes when opened, \(now) after)"
        case .grew(let now)?: return "it grew while it was read (\(size) bytes when opened, \(now) after)"
        case .rewritten?: return "it was rewritten while it was read"
        }
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns the number read (0 at end).
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(Failure) -> Int {
        do { return try file.read(into: buffer, count: count, at: offset) } catch { throw Failure(error) }
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

    /// The first `limit` bytes of the file, in whole lines: when the file is longer than
    /// `limit`, the bytes after the last line break (LF or CR) are dropped, so a cut line, a cut
    /// multi-byte character or a cut quoted field is never parsed. A file of at most `limit`
    /// bytes is read whole (also when it ends without a line break). Fewer bytes come back when
    /// the file was truncated after it was opened.
    func head(limit: Int) throws(Failure) -> [UInt8] {
        let count = min(size, limit)
        var bytes = [UInt8](repeating: 0, count: count)
        let n = try read(into: &bytes, start: 0, count: count, at: 0)
        if n < count { bytes.removeSubrange(n...) }
        if count < size, let lastBreak = bytes.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            bytes.removeSubrange((lastBreak + 1)...)
        }
        return bytes
    }

    /// The whole file.
    func readAll() throws(Failure) -> [UInt8] {
        do { return try file.readAll() } catch { throw Failure(error) }
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

extension FileSource.Failure {
    /// Ingest's wording: short system reasons, and for a file that is not regular what to give instead.
    init(_ error: FileReadError) {
        switch error.reason {
        case .system(let code): reason = FileSource.errorText(code)
        case .notRegularFile(.directory): reason = "it is a directory"
        case .notRegularFile(let kind):
            reason = "it is \(kind), not a regular file; give the path of the exported file itself"
        }
    }
}
