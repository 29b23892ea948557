import MarkupText

/// JSON text written into a byte buffer as the values come (see ``JSONOutput``), handed to a
/// sink in pieces of about `pieceSize` bytes when one is given, so a large document is never in
/// memory whole.
///
/// The text is byte-for-byte that of ``MustacheValue/jsonText(pretty:)``: integers print as
/// digits; doubles in their shortest round-tripping form, always with a `.` or an exponent
/// (`1.0`, `1.21`, `1e+21`) so reading the text back gives the same case; non-finite doubles
/// (which JSON cannot hold) print as `null`. Strings are written as
/// ``MarkupText/appendJSONString(_:to:)`` writes them: `"`, `\`, `\n`, `\r`, `\t` escaped, other
/// controls replaced by U+FFFD, bidi controls removed. Pretty output indents by two spaces,
/// puts one member per line and writes `"key": value`; compact output has no whitespace at all.
/// Neither ends with a newline.
public struct JSONTextWriter: JSONOutput {
    /// The text not yet handed to the sink (all of it when there is no sink).
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private let pieceSize: Int
    private let sink: (([UInt8]) -> Void)?
    /// Per open container: whether it has a member or item yet.
    private var filled: [Bool] = []
    #if DEBUG
    /// Per open object: its last key (members must come in key order; checked in debug builds).
    private var lastKeys: [String?] = []
    #endif
    /// A key was written and its value not yet.
    private var afterKey = false

    /// A writer that keeps all the text in ``bytes``.
    public init(pretty: Bool = true) {
        self.pretty = pretty
        pieceSize = .max
        sink = nil
    }

    /// A writer that hands the text to `sink` whenever about `pieceSize` bytes are buffered,
    /// and the rest on ``finish()``.
    public init(pretty: Bool = true, pieceSize: Int = 1 << 20, sink: @escaping ([UInt8]) -> Void) {
        self.pretty = pretty
        self.pieceSize = pieceSize
        self.sink = sink
        bytes.reserveCapacity(min(pieceSize, 1 << 22) + 4096)
    }

    /// Hands what is buffered to the sink.
    public mutating func finish() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Raw text after the document (a final newline).
    public mutating func append(raw text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        filled.append(false)
        #if DEBUG
        lastKeys.append(nil)
        #endif
    }

    public mutating func endObject() {
        #if DEBUG
        lastKeys.removeLast()
        #endif
        close(UInt8(ascii: "}"))
    }

    public mutating func beginList() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        filled.append(false)
    }

    public mutating func endList() {
        close(UInt8(ascii: "]"))
    }

    public mutating func key(_ name: String) {
        #if DEBUG
        assert(lastKeys.last.map { $0.map { $0.utf8.lexicographicallyPrecedes(name.utf8) } ?? true } ?? false,
               "JSON member \(name) out of key order")
        lastKeys[lastKeys.count - 1] = name
        #endif
        separate()
        Self.appendString(name, to: &bytes)
        if pretty {
            bytes.append(UInt8(ascii: ":"))
            bytes.append(UInt8(ascii: " "))
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
        afterKey = true
    }

    public mutating func string(_ text: String) {
        beginValue()
        Self.appendString(text, to: &bytes)
        endValue()
    }

    public mutating func int(_ value: Int) {
        beginValue()
        DecimalDigits.append(Int64(value), to: &bytes)
        endValue()
    }

    public mutating func double(_ value: Double) {
        beginValue()
        if value.isFinite {
            DoubleText.append(value, to: &bytes)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        endValue()
    }

    public mutating func bool(_ value: Bool) {
        beginValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        endValue()
    }

    public mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
        endValue()
    }

    public mutating func value(_ value: MustacheValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .list(let items):
            beginList()
            for item in items { self.value(item) }
            endList()
        case .object(let members):
            beginObject()
            // Sorted as (key, value) pairs: no second lookup of each key.
            for (name, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                key(name)
                self.value(member)
            }
            endObject()
        }
    }

    /// Before a value: the separator and line break of a list item (an object member had them
    /// before its key).
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else if !filled.isEmpty {
            separate()
        }
    }

    private mutating func endValue() {
        if bytes.count >= pieceSize { finish() }
    }

    private mutating func separate() {
        if filled[filled.count - 1] { bytes.append(UInt8(ascii: ",")) } else { filled[filled.count - 1] = true }
        if pretty { newline(indent: filled.count) }
    }

    private mutating func close(_ bracket: UInt8) {
        if filled.removeLast(), pretty { newline(indent: filled.count) }
        bytes.append(bracket)
        endValue()
    }

    /// A line feed and two spaces per level, copied in one piece for the usual depths.
    private mutating func newline(indent: Int) {
        let width = 1 + 2 * indent
        if width <= Self.lineStart.count {
            bytes.append(contentsOf: Self.lineStart[..<width])
        } else {
            bytes.append(0x0A)
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
        }
    }

    /// A line feed and 16 levels of indentation.
    private static let lineStart: [UInt8] = [0x0A] + [UInt8](repeating: UInt8(ascii: " "), count: 32)

    /// `text` as a JSON string literal, as ``MarkupText/appendJSONString(_:to:)`` writes it: text
    /// with nothing to escape or clean (no `"`, `\`, control, U+007F–U+009F, bidi control,
    /// U+FFFE or U+FFFF, whose UTF-8 lead bytes are all < 0x20, 0x22, 0x5C, 0x7F, 0xC2, 0xE2 or
    /// 0xEF) is copied as it is; any other goes through the shared escaper.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        let copied = text.withUTF8 { utf8 -> Bool in
            guard isPlain(utf8) else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: utf8)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !copied {
            var escaped = ""
            MarkupText.appendJSONString(text, to: &escaped)
            out.append(contentsOf: escaped.utf8)
        }
    }

    /// Whether `utf8` has none of the bytes < 0x20, 0x22, 0x5C, 0x7F, 0xC2, 0xE2, 0xEF (so its
    /// JSON literal is the bytes themselves between quotes). Eight bytes are tested at once: with
    /// `ones` = 0x01…01 and `highs` = 0x80…80, `(w − n·ones) & ~w & highs` is non-zero exactly
    /// when a byte of `w` is below `n` (for `n` ≤ 0x80), and a byte of `w` equals `b` exactly
    /// when a byte of `w ^ b·ones` is below 1. A word without a byte ≥ 0x80 cannot hold the
    /// three lead bytes, so they are looked for only in words that have one.
    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func below(_ word: UInt64, _ n: UInt8) -> Bool {
            (word &- ones &* UInt64(n)) & ~word & highs != 0
        }
        @inline(__always) func has(_ word: UInt64, _ byte: UInt8) -> Bool { below(word ^ (ones &* UInt64(byte)), 1) }
        var i = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while i + 8 <= utf8.count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if below(word, 0x20) || has(word, 0x22) || has(word, 0x5C) || has(word, 0x7F) { return false }
                if word & highs != 0 && (has(word, 0xC2) || has(word, 0xE2) || has(word, 0xEF)) { return false }
                i += 8
            }
        }
        while i < utf8.count {
            let byte = utf8[i]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0xEF {
                return false
            }
            i += 1
        }
        return true
    }
}

extension MustacheValue {
    /// The value as JSON text, byte-for-byte deterministic for equal values.
    ///
    /// Object keys are sorted by their UTF-8 bytes; numbers, strings and layout as
    /// ``JSONTextWriter`` writes them.
    public func jsonText(pretty: Bool = true) -> String {
        var writer = JSONTextWriter(pretty: pretty)
        writer.value(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

extension JSONTextWriter {
    /// Runs `body` with a writer whose text goes to `sink` in pieces of about `pieceSize` bytes
    /// (the rest when `body` returns). After the first failure of `sink` no more pieces are
    /// handed over and that failure is thrown once `body` returns.
    public static func streaming<Failure: Error>(pretty: Bool = true, pieceSize: Int = 1 << 20,
                                                 to sink: ([UInt8]) throws(Failure) -> Void,
                                                 _ body: (inout JSONTextWriter) -> Void) throws(Failure) {
        var failure: Failure?
        withoutActuallyEscaping(sink) { sink in
            var writer = JSONTextWriter(pretty: pretty, pieceSize: pieceSize) { piece in
                guard failure == nil else { return }
                do throws(Failure) { try sink(piece) } catch { failure = error }
            }
            body(&writer)
            writer.finish()
        }
        if let failure { throw failure }
    }
}
