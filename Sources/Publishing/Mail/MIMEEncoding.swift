/// The MIME encodings a mail message needs (RFC 2045 §6.7–6.8, RFC 2047, RFC 2231).
enum MIMEEncoding {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Base64 without line breaks.
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 in lines of at most 76 characters, separated by CRLF (no final CRLF).
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(base64(bytes).utf8)
        var lines: [String] = []
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            lines.append(String(decoding: encoded[start..<end], as: UTF8.self))
            start = end
        }
        return lines.joined(separator: "\r\n")
    }

    /// Quoted-printable text: line breaks (LF, CR or CRLF) become CRLF; printable ASCII other than
    /// `=` is kept; space and tab are kept except at the end of a line; a `.` starting a line is
    /// encoded (`=2E`, safe through SMTP); every other byte is `=XX`. Encoded lines are at most
    /// 76 characters, using soft line breaks (`=` CRLF). The result never contains `=_`.
    static func quotedPrintable(_ text: String) -> String {
        var lines: [[UInt8]] = [[]]
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                lines.append([])
            } else {
                lines[lines.count - 1].append(byte)
            }
            index += 1
        }
        return lines.map(encodeLine).joined(separator: "\r\n")
    }

    private static func encodeLine(_ line: [UInt8]) -> String {
        var physical: [String] = []
        var current = ""
        for (position, byte) in line.enumerated() {
            let isLast = position == line.count - 1
            var token: String
            switch byte {
            case 0x20, 0x09:
                token = isLast ? hexEscape(byte) : String(UnicodeScalar(byte))
            case 33...126 where byte != UInt8(ascii: "="):
                token = String(UnicodeScalar(byte))
            default:
                token = hexEscape(byte)
            }
            // The last token may use column 76; others must leave room for the soft-break "=".
            let room = isLast ? 76 : 75
            if current.utf8.count + token.utf8.count > room {
                physical.append(current + "=")
                current = ""
            }
            if current.isEmpty && byte == UInt8(ascii: ".") { token = "=2E" }
            current += token
        }
        physical.append(current)
        return physical.joined(separator: "\r\n")
    }

    private static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    /// Whether `text` can go into a header as it is: printable ASCII and space only, and no
    /// `=?` (which a reader would take for the start of an encoded-word).
    static func isPlainHeaderText(_ text: String) -> Bool {
        text.utf8.allSatisfy { (32...126).contains($0) } && !text.contains("=?")
    }

    /// RFC 2047 `=?UTF-8?B?…?=` encoded-words for `text`, each at most 64 characters (39 bytes of
    /// UTF-8, never splitting a character), joined by CRLF + space (folding whitespace).
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Unstructured header text (Subject) after `fieldName: `: as is when plain and short; plain
    /// text longer than 78 characters on the line is folded before spaces (RFC 5322 §2.2.3) so
    /// that no line exceeds 78 characters where a space allows it; plain text with a word that
    /// would still leave a line over 998 characters, and any non-plain text, becomes encoded-words
    /// (which fold themselves).
    static func headerText(_ text: String, fieldName: String = "Subject") -> String {
        guard isPlainHeaderText(text) else { return encodedWords(text) }
        let first = fieldName.utf8.count + 2
        if first + text.utf8.count <= 78 { return text }
        var lines: [String] = []
        var line = ""
        var lineStart = first
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let piece = index == 0 ? String(word) : " " + word
            if !line.isEmpty, lineStart + line.utf8.count + piece.utf8.count > 78 {
                lines.append(line)
                line = ""
                lineStart = 0
            }
            line += piece
        }
        lines.append(line)
        // A folded line starts with the space that was there; the first line is after "Subject: ".
        let tooLong = lines.enumerated().contains { ($0.offset == 0 ? first : 0) + $0.element.utf8.count > 998 }
        let emptyFold = lines.dropFirst().contains { $0.allSatisfy { $0 == " " } }
        if tooLong || emptyFold { return encodedWords(text) }
        return lines.joined(separator: "\r\n")
    }

    /// A MIME parameter `name="value"`, or RFC 2231 `name*=UTF-8''percent-encoded` when the value
    /// is not plain ASCII or contains a quote or backslash.
    static func parameter(_ name: String, _ value: String) -> String {
        if value.utf8.allSatisfy({ (32...126).contains($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\(name)=\"\(value)\""
        }
        var encoded = ""
        for byte in value.utf8 {
            let scalar = UnicodeScalar(byte)
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "!#$&+-.^_`|~".unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + String(hexEscape(byte).dropFirst())
            }
        }
        return "\(name)*=UTF-8''\(encoded)"
    }
}

/// 64-bit FNV-1a: a small, fixed, documented hash for deterministic identifiers (not security).
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    /// Adds a field followed by a separator byte (0xFF never occurs in UTF-8), so that
    /// ("ab", "c") and ("a", "bc") hash differently.
    mutating func addField(_ bytes: some Sequence<UInt8>) {
        add(bytes)
        add([0xFF])
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
