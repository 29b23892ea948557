import Model

/// Plain, locale-free number text for health reasons (no Foundation, no locale).
enum NumberText {
    /// `x` with exactly `digits` decimals, rounded half away from zero: 1234.5 → "1234.50";
    /// a negative amount that does not round to zero starts with "−" (U+2212); amounts of
    /// 9e15 and more after scaling, and non-finite ones, in Swift's own form ("1e+17", "inf").
    static func fixed(_ x: Double, digits: Int) -> String { text { appendFixed(x, digits: digits, to: &$0) } }

    /// A signed percentage with one decimal: 0.1 → "+10.0 %", −0.05 → "−5.0 %".
    static func signedPercent(_ ratio: Double) -> String { text { appendSignedPercent(ratio, to: &$0) } }

    /// "1 open ticket", "2 open tickets".
    static func count(_ n: Int, _ singular: StaticString, _ plural: StaticString) -> String {
        text { appendCount(n, singular, plural, to: &$0) }
    }

    private static func text(_ write: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        write(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The texts of ``NumberText``, appended as UTF-8 bytes to a buffer (the writers read each
/// reason once: no String is built). Each is written through a ``TextCursor``; the `[UInt8]`
/// forms reserve the most bytes the text can take (`bound`).
extension NumberText {
    /// With `digits` added, the most bytes ``appendFixed(_:digits:to:)`` writes: "−" (3 bytes),
    /// at most 16 digits (below 9e15), "." and `digits` decimals; or Swift's own form of a
    /// double, at most 24 bytes ("-1.7976931348623157e+308").
    static let fixedBound = 24

    /// ``fixed(_:digits:)``'s bytes.
    static func appendFixed(_ x: Double, digits: Int, to out: inout [UInt8]) {
        TextCursor.append(to: &out, bound: fixedBound + digits) { appendFixed(x, digits: digits, to: &$0) }
    }

    static func appendFixed(_ x: Double, digits: Int, to out: inout TextCursor) {
        guard x.isFinite else { return out.write(String(describing: x)) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return out.write(String(describing: x)) }
        let whole = Int64(scaled)
        let factor = Int64(scale)
        if x < 0 && whole != 0 { out.write("−") }  // U+2212: E2 88 92
        out.writeDecimal(Int(whole / factor))
        if digits > 0 {
            out.write(UInt8(ascii: "."))
            out.writeDecimal(Int(whole % factor), width: digits)
        }
    }

    /// ``signedPercent(_:)``'s bytes.
    static func appendSignedPercent(_ ratio: Double, to out: inout [UInt8]) {
        TextCursor.append(to: &out, bound: fixedBound + 4) { appendSignedPercent(ratio, to: &$0) }
    }

    static func appendSignedPercent(_ ratio: Double, to out: inout TextCursor) {
        if ratio > 0 { out.write(UInt8(ascii: "+")) }
        appendFixed(ratio * 100, digits: 1, to: &out)
        out.write(" %")
    }

    /// ``count(_:_:_:)``'s bytes.
    static func appendCount(_ n: Int, _ singular: StaticString, _ plural: StaticString, to out: inout [UInt8]) {
        TextCursor.append(to: &out, bound: 21 + max(singular.utf8CodeUnitCount, plural.utf8CodeUnitCount)) {
            appendCount(n, singular, plural, to: &$0)
        }
    }

    static func appendCount(_ n: Int, _ singular: StaticString, _ plural: StaticString, to out: inout TextCursor) {
        out.writeDecimal(n)
        out.write(UInt8(ascii: " "))
        out.write(n == 1 ? singular : plural)
    }

    /// `String(n)`'s bytes, the digits left-padded with zeros to `width` (`Int.min` has 19
    /// digits after its sign).
    static func appendDecimal(_ n: Int, width: Int = 1, to out: inout [UInt8]) {
        TextCursor.append(to: &out, bound: 1 + max(19, width)) { $0.writeDecimal(n, width: width) }
    }

    /// `day.description`'s bytes (`YYYY-MM-DD`): at most 14 (a year of `Day`'s range has at
    /// most 7 digits and a sign).
    static func appendDay(_ day: Day, to out: inout [UInt8]) {
        TextCursor.append(to: &out, bound: 14) { appendDay(day, to: &$0) }
    }

    static func appendDay(_ day: Day, to out: inout TextCursor) {
        let (y, m, d) = day.components
        out.writeDecimal(y, width: 4)
        out.write(UInt8(ascii: "-"))
        out.writeDecimal(m, width: 2)
        out.write(UInt8(ascii: "-"))
        out.writeDecimal(d, width: 2)
    }

    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }
}
