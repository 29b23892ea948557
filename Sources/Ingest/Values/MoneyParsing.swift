/// Which character separates the decimals in a column of amounts.
public enum DecimalMark: String, Sendable, Hashable {
    case dot, comma
}

/// The result of reading one amount cell.
enum MoneyReading: Equatable, Sendable {
    /// The amount and the currency the cell itself names (symbol or ISO code), if any.
    case amount(Double, currency: String?)
    case invalid
    case empty
    /// A readable number larger than `MoneyParsing.maxMagnitude` in absolute value.
    case outOfRange
}

/// Amount parsing on bytes.
///
/// Accepted: `1234.56`, `1,234.56`, `1.234,56`, `1 234,56` (space, no-break space or `'` as
/// thousands separators), a currency symbol (`$` USD, `€` EUR, `£` GBP, `¥` JPY) or a
/// three-letter ISO code before or after the number, and negatives written `-12.00`,
/// `−12.00`, `(12.00)`, `-$12`, `$-12`.
///
/// Decimal mark: with both `.` and `,` present the last one is the decimal mark; a mark that
/// occurs twice or more is a thousands separator; a single mark followed by exactly three
/// digits (`1,234`, `1.234`) is read with the column's `mark` (default: `.` decimal, `,`
/// thousands); any other single mark is the decimal mark.
enum MoneyParsing {
    /// The largest amount read, in absolute value: 10^15 (a quadrillion), far above any
    /// invoice, and small enough that sums over millions of rows stay finite and exact to the
    /// cent in a Double. A 309-digit amount would otherwise be infinite.
    static let maxMagnitude = 1e15

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, mark: DecimalMark? = nil) -> MoneyReading {
        if let plain = PlainNumber(bytes) { return plain.amount.map { .amount($0, currency: nil) } ?? .outOfRange }
        var c = ByteCursor(bytes)
        if c.isAtEnd { return .empty }
        var negative = false
        var parenthesis = false
        var currency: String?
        // Prefix: signs, an opening parenthesis, a currency, spaces — in any order.
        while !c.isAtEnd {
            if c.eat(0x2D) || eatUnicodeMinus(&c) { if negative { return .invalid }; negative = true; continue }
            if c.eat(0x2B) { continue }
            if c.eat(0x28) { if parenthesis { return .invalid }; parenthesis = true; continue }
            if currency == nil, let code = eatCurrency(&c) { currency = code; continue }
            if c.eat(0x20) || eatNoBreakSpace(&c) { continue }
            break
        }
        // The number.
        var mantissa: UInt64 = 0
        var digitCount = 0
        var groups: [(separator: UInt8, digitsBefore: Int)] = []  // separator and digit count so far
        var digitsSinceSeparator = 0
        var text: [UInt8] = []
        while let b = c.peek {
            if b >= 0x30 && b <= 0x39 {
                if digitCount < 19 { mantissa = mantissa &* 10 &+ UInt64(b - 0x30) }
                digitCount += 1
                digitsSinceSeparator += 1
                text.append(b)
                c.advance()
                continue
            }
            var sep: UInt8? = nil
            if b == 0x2C || b == 0x2E || b == 0x27 { sep = b; c.advance() }
            else if b == 0x20, let next = c.peek(1), next >= 0x30 && next <= 0x39 { sep = 0x20; c.advance() }
            else {
                var probe = c
                if eatNoBreakSpace(&probe), let next = probe.peek, next >= 0x30 && next <= 0x39 { sep = 0x20; c = probe }
            }
            guard let s = sep else { break }
            guard digitsSinceSeparator > 0 else { return .invalid }
            groups.append((s, digitCount))
            text.append(s)
            digitsSinceSeparator = 0
        }
        guard digitCount > 0, digitsSinceSeparator > 0 else { return .invalid }
        // Suffix: a currency, a closing parenthesis, a trailing minus, spaces.
        while !c.isAtEnd {
            if c.eat(0x20) || eatNoBreakSpace(&c) { continue }
            if parenthesis, c.eat(0x29) { parenthesis = false; negative.toggle(); if !negative { return .invalid }; continue }
            if currency == nil, let code = eatCurrency(&c) { currency = code; continue }
            return .invalid
        }
        if parenthesis { return .invalid }

        // Decide the decimal mark.
        let dots = groups.filter { $0.separator == 0x2E }.count
        let commas = groups.filter { $0.separator == 0x2C }.count
        var decimal: UInt8? = nil
        if let last = groups.last, last.separator == 0x2E || last.separator == 0x2C {
            let sameCount = last.separator == 0x2E ? dots : commas
            let otherCount = last.separator == 0x2E ? commas : dots
            if otherCount > 0 {
                decimal = last.separator
            } else if sameCount >= 2 {
                decimal = nil
            } else {
                let after = digitCount - last.digitsBefore
                if after == 3 {
                    let m = mark ?? .dot
                    decimal = (m == .dot) == (last.separator == 0x2E) ? last.separator : nil
                } else {
                    decimal = last.separator
                }
            }
        }
        // Thousands separators must not include the decimal mark anywhere but last.
        var fractionDigits = 0
        if let d = decimal {
            if groups.dropLast().contains(where: { $0.separator == d }) { return .invalid }
            fractionDigits = digitCount - groups.last!.digitsBefore
        }
        var value: Double
        if digitCount <= 19 && fractionDigits <= 22 {
            value = Double(mantissa) / powersOfTen[fractionDigits]
        } else {
            var plain = String(decoding: text.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
            if fractionDigits > 0 { plain.insert(".", at: plain.index(plain.endIndex, offsetBy: -fractionDigits)) }
            guard let v = Double(plain) else { return .invalid }
            value = v
        }
        if negative { value = -value }
        guard value.isFinite, abs(value) <= maxMagnitude else { return .outOfRange }
        return .amount(value, currency: currency)
    }

    static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { v, _ in v * 10 } }

    private static func eatUnicodeMinus(_ c: inout ByteCursor) -> Bool {
        if c.peek == 0xE2, c.peek(1) == 0x88, c.peek(2) == 0x92 { c.advance(3); return true }
        return false
    }

    private static func eatNoBreakSpace(_ c: inout ByteCursor) -> Bool {
        if c.peek == 0xC2, c.peek(1) == 0xA0 { c.advance(2); return true }
        if c.peek == 0xE2, c.peek(1) == 0x80, c.peek(2) == 0xAF { c.advance(3); return true }
        return false
    }

    /// A currency symbol or a three-letter code (not followed by another letter).
    private static func eatCurrency(_ c: inout ByteCursor) -> String? {
        if c.eat(0x24) { return "USD" }
        if c.peek == 0xE2, c.peek(1) == 0x82, c.peek(2) == 0xAC { c.advance(3); return "EUR" }
        if c.peek == 0xC2, c.peek(1) == 0xA3 { c.advance(2); return "GBP" }
        if c.peek == 0xC2, c.peek(1) == 0xA5 { c.advance(2); return "JPY" }
        func isLetter(_ b: UInt8?) -> Bool { guard let b else { return false }; return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        if isLetter(c.peek), isLetter(c.peek(1)), isLetter(c.peek(2)), !isLetter(c.peek(3)) {
            let code = String(decoding: [c.peek!, c.peek(1)!, c.peek(2)!].map { $0 & ~0x20 }, as: UTF8.self)
            c.advance(3)
            // "US$", "CA$", "AU$" style prefixes.
            if c.eat(0x24) { return code == "US$" ? "USD" : code }
            return code
        }
        if isLetter(c.peek), isLetter(c.peek(1)), c.peek(2) == 0x24 {
            let country = String(decoding: [c.peek!, c.peek(1)!].map { $0 & ~0x20 }, as: UTF8.self)
            c.advance(3)
            switch country {
            case "US": return "USD"
            case "CA": return "CAD"
            case "AU": return "AUD"
            case "NZ": return "NZD"
            case "HK": return "HKD"
            case "SG": return "SGD"
            default: return nil
            }
        }
        return nil
    }

    /// What a column's amounts prove about its decimal mark.
    struct MarkEvidence: Sendable {
        var comma = 0
        var dot = 0

        /// Adds the counts of other values.
        mutating func append(_ other: MarkEvidence) {
            comma += other.comma
            dot += other.dot
        }

        var proven: DecimalMark? {
            if comma > 0 && dot == 0 { return .comma }
            if dot > 0 && comma == 0 { return .dot }
            return nil
        }

        /// Counts values whose decimal mark is unambiguous: both marks present (the last one
        /// decides), or a single mark not followed by exactly three digits.
        mutating func see(_ bytes: UnsafeBufferPointer<UInt8>) {
            var lastMark: UInt8 = 0
            var marks = 0
            var sawComma = false, sawDot = false
            var digitsAfter = 0
            for b in bytes {
                if b == 0x2C || b == 0x2E {
                    lastMark = b; marks += 1; digitsAfter = 0
                    if b == 0x2C { sawComma = true } else { sawDot = true }
                } else if b >= 0x30 && b <= 0x39 {
                    digitsAfter += 1
                }
            }
            guard marks > 0 else { return }
            if sawComma && sawDot {
                if lastMark == 0x2C { comma += 1 } else { dot += 1 }
            } else if marks == 1 && digitsAfter != 3 {
                if lastMark == 0x2C { comma += 1 } else { dot += 1 }
            }
        }
    }
}
