#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding an input file was found to be in. Every file is transcoded to UTF-8
/// bytes before parsing, so the rest of the ingest stage only ever sees UTF-8.
public enum TextEncoding: String, Sendable, Hashable, CustomStringConvertible {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "Windows-1252"

    public var description: String { rawValue }
}

/// File bytes decoded to UTF-8.
struct DecodedText: Sendable {
    /// UTF-8 bytes without any byte-order mark.
    var bytes: [UInt8]
    var encoding: TextEncoding
    var warnings: [String]
}

/// Why a file's bytes cannot be text.
enum UndecodableText: Error, Equatable {
    /// A NUL byte at this (0-based) offset of a file that is not UTF-16.
    case binary(offset: Int)
}

/// Encoding detection and transcoding.
///
/// Rules, in order: a UTF-8 BOM (EF BB BF) → UTF-8, BOM dropped; a UTF-16 BOM (FF FE / FE FF) →
/// UTF-16LE/BE, transcoded (unpaired surrogates become U+FFFD); otherwise, a file that
/// `BinarySniff` finds binary in its first block is refused (a NUL further on only costs its row); valid UTF-8 → UTF-8; anything else → Windows-1252, transcoded, with
/// the warning `windows1252Warning`. Windows-1252's five undefined bytes (81 8D 8F 90 9D) map to
/// the C1 controls of the same value, as browsers do.
enum TextDecoder {
    static let windows1252Warning = "decoded as Windows-1252: the file is not valid UTF-8"

    static func decode(_ raw: [UInt8]) throws(UndecodableText) -> DecodedText {
        if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
            let body = Array(raw[3...])
            if let at = BinarySniff.binaryOffset(body) { throw .binary(offset: at + 3) }
            if UTF8Validation.isValid(body) { return DecodedText(bytes: body, encoding: .utf8WithBOM, warnings: []) }
            return DecodedText(bytes: transcodeWindows1252(body), encoding: .windows1252,
                               warnings: [windows1252Warning])
        }
        if raw.count >= 2, raw[0] == 0xFF, raw[1] == 0xFE {
            return DecodedText(bytes: transcodeUTF16(raw, from: 2, bigEndian: false), encoding: .utf16LE, warnings: [])
        }
        if raw.count >= 2, raw[0] == 0xFE, raw[1] == 0xFF {
            return DecodedText(bytes: transcodeUTF16(raw, from: 2, bigEndian: true), encoding: .utf16BE, warnings: [])
        }
        if let at = BinarySniff.binaryOffset(raw) { throw .binary(offset: at) }
        if UTF8Validation.isValid(raw) { return DecodedText(bytes: raw, encoding: .utf8, warnings: []) }
        return DecodedText(bytes: transcodeWindows1252(raw), encoding: .windows1252, warnings: [windows1252Warning])
    }

    /// Offset of the first NUL byte of `bytes` (found by the C library's `memchr`, many bytes
    /// at a time: a byte loop here was half of a window's first scan), or nil.
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress, buf.count > 0 else { return nil }
            guard let hit = memchr(base, 0, buf.count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// Code points of Windows-1252 bytes 0x80–0x9F (the rest equal Latin-1).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func transcodeWindows1252(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let scalar: UInt32 = b < 0xA0 ? windows1252High[Int(b) - 0x80] : UInt32(b)
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    static func transcodeUTF16(_ raw: [UInt8], from start: Int, bigEndian: Bool) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity((raw.count - start) / 2 + 16)
        var i = start
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(raw[at]) << 8 | UInt32(raw[at + 1]) : UInt32(raw[at + 1]) << 8 | UInt32(raw[at])
        }
        while i + 1 < raw.count {
            let u = unit(i)
            i += 2
            if u >= 0xD800 && u < 0xDC00 {
                if i + 1 < raw.count {
                    let low = unit(i)
                    if low >= 0xDC00 && low < 0xE000 {
                        i += 2
                        appendUTF8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: &out)
                        continue
                    }
                }
                appendUTF8(0xFFFD, to: &out)
            } else if u >= 0xDC00 && u < 0xE000 {
                appendUTF8(0xFFFD, to: &out)
            } else {
                appendUTF8(u, to: &out)
            }
        }
        if i < raw.count { appendUTF8(0xFFFD, to: &out) }  // a dangling odd byte
        return out
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF), with an
/// eight-bytes-at-a-time ASCII fast path.
enum UTF8Validation {
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    /// True when `buf` is valid UTF-8. When `allowTruncatedEnd` is set, a multi-byte sequence
    /// cut off by the end of the buffer is accepted (used when validating a file chunk by chunk).
    static func isValid(_ buf: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        validPrefixLength(buf, allowTruncatedEnd: allowTruncatedEnd) == buf.count
    }

    /// Length of the longest valid prefix; with `allowTruncatedEnd`, an incomplete sequence at
    /// the very end counts as valid.
    static func validPrefixLength(_ buf: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Int {
        guard let p = buf.baseAddress else { return 0 }
        let n = buf.count
        var i = 0
        while i < n {
            if i + 8 <= n {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    // An ASCII word: the run goes on 32 bytes at a time (four words, one test).
                    // Text that is not ASCII never gets here, so it pays nothing for it.
                    while i + 32 <= n {
                        let raw = UnsafeRawPointer(p + i)
                        let any = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                            | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                            | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                        if any & 0x8080_8080_8080_8080 != 0 { break }
                        i += 32
                    }
                    continue
                }
            }
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            if i + need >= n {
                // The sequence is cut off by the end of the buffer.
                var k = i + 1
                while k < n {
                    let b = p[k]
                    let (l, h): (UInt8, UInt8) = k == i + 1 ? (lo, hi) : (0x80, 0xBF)
                    if b < l || b > h { return i }
                    k += 1
                }
                return allowTruncatedEnd ? n : i
            }
            let b1 = p[i + 1]
            if b1 < lo || b1 > hi { return i }
            if need >= 2 { let b2 = p[i + 2]; if b2 < 0x80 || b2 > 0xBF { return i } }
            if need == 3 { let b3 = p[i + 3]; if b3 < 0x80 || b3 > 0xBF { return i } }
            i += need + 1
        }
        return n
    }
}
