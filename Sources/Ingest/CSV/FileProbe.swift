#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A first pass over a file: its SHA-256 (optional), its encoding, and whether it is binary.
struct FileProbe: Sendable {
    var encoding: TextEncoding
    /// Lowercase hex SHA-256, when asked for.
    var sha256: String?
    /// Offset of the first NUL byte in a non-UTF-16 file.
    var nulOffset: Int?
    /// Set when the first block shows a binary file (`BinarySniff`): the offset to report.
    var binaryOffset: Int?
    /// 3 when the file starts with a UTF-8 byte-order mark (even if the rest is not UTF-8).
    var bomLength = 0

    /// False when only the first block was read (`scan(_:sha256:headOnly:)`): the encoding is then
    /// what that block shows, and `nulOffset` is nil unless the block holds a NUL; a reader of
    /// the rest must check both (see `RecordStream.Verification`).
    var coversWholeFile = true

    static let chunkSize = 1 << 22

    /// - Parameter headOnly: read only the first `chunkSize` bytes (a file as long or shorter is
    ///   read whole and covered as usual).
    static func scan(_ file: FileSource, sha256 wantHash: Bool, headOnly: Bool = false) throws(FileSource.Failure) -> FileProbe {
        let end = headOnly ? min(file.size, chunkSize) : file.size
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: chunkSize + 4)
        var offset = 0
        var carry = 0           // bytes of an incomplete UTF-8 sequence kept at the buffer start
        var validUTF8 = true
        var encoding: TextEncoding = .utf8
        var nul: Int?
        var binary: Int?
        var first = true
        // Up to the size when opened: a file that keeps growing cannot keep the probe reading.
        while offset < end {
            let n = try file.read(into: &buffer, start: carry, count: min(chunkSize, end - offset), at: offset)
            if n == 0 { break }
            buffer.withUnsafeBufferPointer { all in
                let fresh = UnsafeBufferPointer(rebasing: all[carry..<(carry + n)])
                if wantHash { hasher.update(fresh) }
                var start = 0
                if first {
                    first = false
                    if n >= 2 && (fresh[0] == 0xFF && fresh[1] == 0xFE) { encoding = .utf16LE }
                    else if n >= 2 && (fresh[0] == 0xFE && fresh[1] == 0xFF) { encoding = .utf16BE }
                    else if n >= 3 && fresh[0] == 0xEF && fresh[1] == 0xBB && fresh[2] == 0xBF { encoding = .utf8WithBOM; start = 3 }
                    if encoding != .utf16LE && encoding != .utf16BE {
                        binary = BinarySniff.binaryOffset(UnsafeBufferPointer(rebasing: fresh[start...])).map { $0 + start }
                    }
                }
                if encoding == .utf16LE || encoding == .utf16BE { return }
                if nul == nil, let base = fresh.baseAddress, let hit = memchr(base, 0, n) {
                    nul = offset + (hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base))
                }
                if validUTF8 {
                    let span = UnsafeBufferPointer(rebasing: all[start..<(carry + n)])
                    let valid = UTF8Validation.validPrefixLength(span, allowTruncatedEnd: true)
                    if valid < span.count {
                        validUTF8 = false
                    }
                }
            }
            // Keep an incomplete trailing sequence (at most 3 bytes) for the next chunk.
            if validUTF8 && encoding != .utf16LE && encoding != .utf16BE {
                let end = carry + n
                var keep = 0
                var k = end - 1
                while k >= max(0, end - 3) {
                    let b = buffer[k]
                    if b & 0xC0 == 0x80 { k -= 1; continue }
                    if b >= 0xC0 {
                        let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                        if end - k < need { keep = end - k }
                    }
                    break
                }
                for j in 0..<keep { buffer[j] = buffer[end - keep + j] }
                carry = keep
            } else {
                carry = 0
            }
            offset += n
        }
        let whole = end == file.size
        if carry > 0 && whole { validUTF8 = false }
        if encoding == .utf8 && !validUTF8 { encoding = .windows1252 }
        let bom = encoding == .utf8WithBOM ? 3 : 0
        if encoding == .utf8WithBOM && !validUTF8 { encoding = .windows1252 }
        return FileProbe(encoding: encoding, sha256: wantHash ? hasher.finalizeHex() : nil, nulOffset: nul,
                         binaryOffset: binary, bomLength: bom, coversWholeFile: whole)
    }
}

