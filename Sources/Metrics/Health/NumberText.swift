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
/// reason once: no String is built).
extension NumberText {
    /// ``fixed(_:digits:)``'s bytes.
    static func appendFixed(_ x: Double, digits: Int, to out: inout [UInt8]) {
        guard x.isFinite else { return append(String(describing: x), to: &out) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return append(String(describing: x), to: &out) }
        let whole = Int64(scaled)
        let factor = Int64(scale)
        if x < 0 && whole != 0 { append("−", to: &out) }  // U+2212: E2 88 92
        appendDecimal(Int(whole / factor), to: &out)
        if digits > 0 {
            out.append(UInt8(ascii: "."))
            appendDecimal(Int(whole % factor), width: digits, to: &out)
        }
    }

    /// ``signedPercent(_:)``'s bytes.
    static func appendSignedPercent(_ ratio: Double, to out: inout [UInt8]) {
        if ratio > 0 { out.append(UInt8(ascii: "+")) }
        appendFixed(ratio * 100, digits: 1, to: &out)
        append(" %", to: &out)
    }

    /// ``count(_:_:_:)``'s bytes.
    static func appendCount(_ n: Int, _ singular: StaticString, _ plural: StaticString, to out: inout [UInt8]) {
        appendDecimal(n, to: &out)
        out.append(UInt8(ascii: " "))
        append(n == 1 ? singular : plural, to: &out)
    }

    /// `String(n)`'s bytes, the digits left-padded with zeros to `width`. The digits are taken
    /// low first by constant divisions by 10 (multiplications, where a variable divisor costs a
    /// hardware divide per digit) into a stack buffer, then appended in one copy.
    static func appendDecimal(_ n: Int, width: Int = 1, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        // UInt.max has 20 digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            for _ in (digits.count - start)..<max(digits.count - start, width) { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// `day.description`'s bytes (`YYYY-MM-DD`).
    static func appendDay(_ day: Day, to out: inout [UInt8]) {
        let (y, m, d) = day.components
        appendDecimal(y, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDecimal(m, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDecimal(d, width: 2, to: &out)
    }

    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }
}
