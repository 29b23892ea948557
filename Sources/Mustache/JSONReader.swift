import Foundation

/// A JSON document that could not be read, located by 1-based line and column (in bytes).
public enum JSONSyntaxError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Something other than what the grammar allows here; `found` is `end of input` at the end.
    case unexpected(found: String, expected: String, line: Int, column: Int)
    /// A number JSON allows but Swift cannot hold (for example `1e999`).
    case numberOutOfRange(text: String, line: Int, column: Int)
    /// Arrays and objects nested deeper than ``JSONReader/nestingLimit``.
    case nestingTooDeep(limit: Int, line: Int, column: Int)
    /// The bytes are not UTF-8.
    case notUTF8

    public var description: String {
        switch self {
        case let .unexpected(found, expected, line, column):
            "JSON \(line):\(column): error: expected \(expected), found \(found)"
        case let .numberOutOfRange(text, line, column):
            "JSON \(line):\(column): error: number \(text) is out of range"
        case let .nestingTooDeep(limit, line, column):
            "JSON \(line):\(column): error: arrays and objects nested deeper than \(limit) levels"
        case .notUTF8:
            "JSON: error: the document is not valid UTF-8"
        }
    }
}

extension MustacheValue {
    /// Reads any JSON document (RFC 8259; a bare scalar at the top is accepted).
    ///
    /// Numbers written without fraction or exponent that fit in `Int` become `.int`; every
    /// other number becomes `.double` (so `1.0` stays a double and prints back as `1.0`).
    /// `true`/`false` become `.bool`, never numbers. A repeated object key keeps its last value.
    public init(jsonData: Data) throws(JSONSyntaxError) {
        var reader = JSONReader(bytes: [UInt8](jsonData))
        self = try reader.readDocument()
    }
}

/// A recursive-descent JSON reader over bytes.
struct JSONReader {
    static let nestingLimit = 512
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func readDocument() throws(JSONSyntaxError) -> MustacheValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        if position < bytes.count { throw unexpected("end of input") }
        return value
    }

    private mutating func readValue() throws(JSONSyntaxError) -> MustacheValue {
        guard position < bytes.count else { throw unexpected("a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readList()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try readWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try readWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw unexpected("a value")
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.nestingLimit {
            let (line, column) = lineAndColumn(of: position)
            throw .nestingTooDeep(limit: Self.nestingLimit, line: line, column: column)
        }
    }

    private mutating func readObject() throws(JSONSyntaxError) -> MustacheValue {
        try enter()
        position += 1
        var members: [String: MustacheValue] = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw unexpected("a string key") }
            let key = try readString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw unexpected("':' after an object key") }
            position += 1
            skipWhitespace()
            members[key] = try readValue()
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                position += 1
                continue
            }
            guard peek(UInt8(ascii: "}")) else { throw unexpected("',' or '}' in an object") }
            position += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func readList() throws(JSONSyntaxError) -> MustacheValue {
        try enter()
        position += 1
        var items: [MustacheValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            position += 1
            depth -= 1
            return .list(items)
        }
        while true {
            skipWhitespace()
            items.append(try readValue())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                position += 1
                continue
            }
            guard peek(UInt8(ascii: "]")) else { throw unexpected("',' or ']' in an array") }
            position += 1
            depth -= 1
            return .list(items)
        }
    }

    private mutating func readString() throws(JSONSyntaxError) -> String {
        position += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flushRun(_ end: Int) throws(JSONSyntaxError) {
            guard runStart < end else { return }
            guard let run = String(validating: bytes[runStart..<end], as: UTF8.self) else { throw .notUTF8 }
            scalars.append(contentsOf: run.unicodeScalars)
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                try flushRun(position)
                position += 1
                return String(scalars)
            }
            if byte < 0x20 { throw unexpected("'\"' closing the string (control characters must be escaped)") }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            try flushRun(position)
            position += 1
            guard position < bytes.count else { throw unexpected("an escape character") }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let unit = try readHexUnit()
                if (0xD800...0xDBFF).contains(unit), peek(UInt8(ascii: "\\")),
                   position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") {
                    let mark = position
                    position += 2
                    let low = try readHexUnit()
                    if (0xDC00...0xDFFF).contains(low) {
                        let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        scalars.append(Unicode.Scalar(combined) ?? "\u{FFFD}")
                    } else {
                        scalars.append("\u{FFFD}")
                        position = mark
                    }
                } else {
                    // A lone surrogate cannot be represented in a Swift string.
                    scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                }
            default:
                position -= 1
                throw unexpected("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after a backslash")
            }
            runStart = position
        }
        throw unexpected("'\"' closing the string")
    }

    private mutating func readHexUnit() throws(JSONSyntaxError) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count, let digit = Self.hexValue(bytes[position]) else {
                throw unexpected("four hexadecimal digits after \\u")
            }
            unit = unit << 4 | digit
            position += 1
        }
        return unit
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func readNumber() throws(JSONSyntaxError) -> MustacheValue {
        let start = position
        var integral = true
        if peek(UInt8(ascii: "-")) { position += 1 }
        if peek(UInt8(ascii: "0")) {
            position += 1
        } else {
            guard skipDigits() > 0 else { throw unexpected("a digit") }
        }
        if peek(UInt8(ascii: ".")) {
            integral = false
            position += 1
            guard skipDigits() > 0 else { throw unexpected("a digit after the decimal point") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            integral = false
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard skipDigits() > 0 else { throw unexpected("a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if integral, let value = Int(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else {
            let (line, column) = lineAndColumn(of: start)
            throw .numberOutOfRange(text: text, line: line, column: column)
        }
        return .double(value)
    }

    private mutating func skipDigits() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            position += 1
        }
        return position - start
    }

    private mutating func readWord(_ word: String) throws(JSONSyntaxError) {
        for byte in word.utf8 {
            guard peek(byte) else { throw unexpected("'\(word)'") }
            position += 1
        }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private func unexpected(_ expected: String) -> JSONSyntaxError {
        let (line, column) = lineAndColumn(of: position)
        let found: String
        if position >= bytes.count {
            found = "end of input"
        } else {
            let byte = bytes[position]
            found = (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
        return .unexpected(found: found, expected: expected, line: line, column: column)
    }

    private func lineAndColumn(of offset: Int) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
