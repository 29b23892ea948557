/// Deterministic decimal text for doubles: no locale, no Foundation, no `description` quirks.
enum DecimalText {
    /// Exact powers of ten up to 10^18 as integers.
    static func integerPower(_ exponent: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<max(0, min(exponent, 18)) { result *= 10 }
        return result
    }

    /// 10^exponent as the double nearest to the decimal literal (exact for 0…22, correctly rounded
    /// for negative exponents because it is one division of two exact values).
    static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<min(abs(exponent), 300) { result *= 10 }
        return exponent >= 0 ? result : 1 / result
    }

    /// `count × 10^exponent`, computed so that e.g. `scaled(6, -2)` is exactly the literal `0.06`.
    static func scaled(_ count: Int, _ exponent: Int) -> Double {
        exponent >= 0 ? Double(count) * power(exponent) : Double(count) / power(-exponent)
    }

    /// Rounds `value` to `decimals` places, half away from zero, and splits it into digits.
    ///
    /// Binary doubles cannot hold most decimal halves (1.005 is stored as 1.00499999…), so the
    /// scaled value is nudged outwards by one part in 10^12 before rounding: a value a person
    /// reads as a half rounds up, as they expect. Returns nil for NaN, infinities and magnitudes
    /// whose scaled value does not fit in 64 bits.
    static func digits(_ value: Double, decimals: Int) -> (negative: Bool, integer: String, fraction: String)? {
        guard value.isFinite else { return nil }
        let places = max(0, min(decimals, 12))
        let scaledMagnitude = value.magnitude * power(places)
        let nudged = (scaledMagnitude * (1 + 1e-12)).rounded(.toNearestOrAwayFromZero)
        guard nudged < 1.8e19 else { return nil }
        let units = UInt64(nudged)
        let divisor = integerPower(places)
        let integer = String(units / divisor)
        var fraction = places > 0 ? String(units % divisor) : ""
        if places > 0, fraction.count < places {
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
        }
        return (value < 0 && units != 0, integer, fraction)
    }

    /// Inserts a comma between every group of three digits: "1234567" → "1,234,567".
    static func grouped(_ integerDigits: String) -> String {
        let characters = Array(integerDigits)
        var result = ""
        for (offset, character) in characters.enumerated() {
            if offset > 0, (characters.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// A drawing coordinate: at most two decimals, no trailing zeros, never "-0".
    /// 12.345 → "12.35", 3.10 → "3.1", -0.001 → "0". Non-finite values draw at "0".
    ///
    /// The rounding of ``digits(_:decimals:)`` with two places (the same operations in the
    /// same order), written from the whole hundredths without building and trimming digit
    /// strings: charts draw thousands of coordinates.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let nudged = (value.magnitude * power(2) * (1 + 1e-12)).rounded(.toNearestOrAwayFromZero)
        guard nudged < 1.8e19 else { return "0" }
        let hundredths = UInt64(nudged)
        var text = value < 0 && hundredths != 0 ? "-" : ""
        text += String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }
}
