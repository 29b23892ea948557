#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// A CSV file written through a fixed 1 MiB byte buffer straight to a file descriptor.
///
/// Every value is formatted into the buffer as bytes (integers, days, amounts in cents), so
/// writing a row allocates nothing. Write errors are sticky: the first one is kept in
/// `failure`, later writes are dropped, and `close()` throws it; callers poll `failure` once
/// per customer to stop early on a full disk.
final class CSVFileWriter {
    let name: String
    let path: String
    private(set) var rows = 0
    private(set) var bytesWritten = 0
    private(set) var failure: SampleError?

    private var descriptor: Int32
    private let capacity = 1 << 20
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    init(directory: String, name: String) throws(SampleError) {
        self.name = name
        self.path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        // Never through a symbolic link planted at the name (issue 13): ELOOP instead.
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw .cannotWrite(path: path, reason: CSVFileWriter.lastErrorText())
        }
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
        buffer.deallocate()
    }

    // MARK: Records

    /// Writes `header` (already CSV) and a line break.
    func header(_ header: String) {
        raw(header)
        byte(0x0A)
    }

    /// Ends a record and counts it.
    @inline(__always) func endRecord() {
        byte(0x0A)
        rows += 1
    }

    /// A line with no fields (used once, for the documented blank trailing line).
    func blankLine() { byte(0x0A) }

    @inline(__always) func comma() { byte(0x2C) }

    // MARK: Fields

    /// A text field, quoted per RFC 4180 when it contains a comma, quote, CR or LF
    /// (quotes inside are doubled).
    func field(_ text: String) {
        var needsQuotes = false
        for b in text.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes { return raw(text) }
        byte(0x22)
        for b in text.utf8 {
            if b == 0x22 { byte(0x22) }
            byte(b)
        }
        byte(0x22)
    }

    /// Text known to need no quoting (ids, enum values, headers).
    func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            append(base, bytes.count)
        }
    }

    /// Static text known to need no quoting.
    func raw(_ text: StaticString) {
        append(text.utf8Start, text.utf8CodeUnitCount)
    }

    /// `prefix` followed by `value` zero-padded to at least `width` digits (e.g. `C000042`).
    func identifier(_ prefix: StaticString, _ value: Int, width: Int) {
        append(prefix.utf8Start, prefix.utf8CodeUnitCount)
        padded(value, width: width)
    }

    func integer(_ value: Int) {
        if value < 0 {
            byte(0x2D)
            padded(-value, width: 1)
        } else {
            padded(value, width: 1)
        }
    }

    /// An amount given in cents as `1234.50` (two decimals, `-` for negatives, no grouping).
    func amount(cents: Int) {
        if cents < 0 { byte(0x2D) }
        let magnitude = cents < 0 ? -cents : cents
        padded(magnitude / 100, width: 1)
        byte(0x2E)
        padded(magnitude % 100, width: 2)
    }

    /// `yyyy-MM-dd`.
    func day(_ day: Day) {
        let (y, m, d) = day.components
        reserve(10)
        let p = buffer + count
        put4(y, p)
        p[4] = 0x2D
        put2(m, p + 5)
        p[7] = 0x2D
        put2(d, p + 8)
        count += 10
    }

    /// `yyyy-MM-dd HH:mm:ss` (separator `T` and a trailing `Z` when `iso` is true).
    func dateTime(_ day: Day, secondOfDay: Int, iso: Bool = false) {
        self.day(day)
        reserve(10)
        let p = buffer + count
        p[0] = iso ? 0x54 : 0x20
        put2(secondOfDay / 3600, p + 1)
        p[3] = 0x3A
        put2(secondOfDay / 60 % 60, p + 4)
        p[6] = 0x3A
        put2(secondOfDay % 60, p + 7)
        count += 9
        if iso {
            p[9] = 0x5A
            count += 1
        }
    }

    /// A date-time given as seconds since 1970-01-01T00:00:00Z.
    func dateTime(secondsSince1970 s: Int64) {
        let dayNumber = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        dateTime(Day(ordinal: Int32(dayNumber)), secondOfDay: Int(s - dayNumber * 86_400))
    }

    // MARK: Finishing

    /// Flushes and closes the file; throws the first write error, if any.
    func close() throws(SampleError) {
        flush()
        if descriptor >= 0 {
            if closeDescriptor(descriptor) != 0, failure == nil {
                failure = .cannotWrite(path: path, reason: CSVFileWriter.lastErrorText())
            }
            descriptor = -1
        }
        if let failure { throw failure }
    }

    // MARK: Bytes

    @inline(__always) private func byte(_ b: UInt8) {
        if count == capacity { flush() }
        buffer[count] = b
        count += 1
    }

    @inline(__always) private func reserve(_ n: Int) {
        if count + n > capacity { flush() }
    }

    private func append(_ source: UnsafePointer<UInt8>, _ n: Int) {
        if n > capacity {
            flush()
            writeFully(source, n)
            return
        }
        reserve(n)
        (buffer + count).update(from: source, count: n)
        count += n
    }

    private func padded(_ value: Int, width: Int) {
        var digits = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        let n = max(digits, width)
        reserve(n)
        var v = value
        var i = count + n - 1
        while i >= count {
            buffer[i] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
            v /= 10
            i -= 1
        }
        count += n
    }

    @inline(__always) private func put2(_ v: Int, _ p: UnsafeMutablePointer<UInt8>) {
        p[0] = UInt8(truncatingIfNeeded: 0x30 + v / 10 % 10)
        p[1] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
    }

    @inline(__always) private func put4(_ v: Int, _ p: UnsafeMutablePointer<UInt8>) {
        put2(v / 100, p)
        put2(v % 100, p + 2)
    }

    private func flush() {
        if count > 0 { writeFully(buffer, count) }
        count = 0
    }

    private func writeFully(_ source: UnsafePointer<UInt8>, _ n: Int) {
        guard failure == nil, descriptor >= 0 else { return }
        var offset = 0
        while offset < n {
            let written = write(descriptor, source + offset, n - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = .cannotWrite(path: path, reason: CSVFileWriter.lastErrorText())
                return
            }
            offset += written
        }
        bytesWritten += n
    }

    static func lastErrorText() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}

/// The C library's `close(2)` (the writer's own `close()` shadows the name inside the class).
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
