import Model

/// Turns numbers, money, rates and days into the strings the report prints.
///
/// Rounding is half away from zero on the decimal value (so 2.345 % with one decimal prints
/// "2.3 %" only if the binary value is below 2.345); negative zero prints without a sign.
public struct ReportFormatter: Sendable {
    public let locale: ReportLocale
    /// Symbol of the report currency (`$`, `€`, `£`, or the ISO code followed by a space).
    public let currencySymbol: String

    public init(locale: ReportLocale = .english, currencyCode: String = "USD") {
        self.locale = locale
        self.currencySymbol = ReportFormatter.symbol(forCurrency: currencyCode)
    }

    public static func symbol(forCurrency code: String) -> String {
        switch code.uppercased() {
        case "USD": return "$"
        case "EUR": return "€"
        case "GBP": return "£"
        case "JPY": return "¥"
        case "CAD": return "CA$"
        case "AUD": return "A$"
        default: return code.uppercased() + " "
        }
    }

    /// `1,234` (grouped, no decimals by default).
    public func number(_ value: Double, decimals: Int = 0) -> String {
        let (negative, integerPart, fraction) = ReportFormatter.split(value, decimals: decimals)
        var text = group(integerPart)
        if decimals > 0 { text += locale.decimalSeparator + fraction }
        return negative ? "−" + text : text
    }

    public func integer(_ value: Int) -> String { number(Double(value)) }

    /// A fraction as a percentage: 0.0234 → `2.3%` (`2,3 %` in German).
    public func percent(_ fraction: Double, decimals: Int = 1) -> String {
        number(fraction * 100, decimals: decimals) + (locale.percentWithSpace ? "\u{00A0}%" : "%")
    }

    /// Money in the report currency: `$1,234` or `1.234 €`; decimals 0 by default for tiles.
    public func money(_ amount: Double, decimals: Int = 0) -> String {
        let digits = number(abs(amount), decimals: decimals)
        let sign = ReportFormatter.split(amount, decimals: decimals).negative ? "−" : ""
        if locale.symbolAfterAmount {
            return sign + digits + "\u{00A0}" + currencySymbol.trimmingSpace
        }
        return sign + currencySymbol + digits
    }

    /// A change in percentage points: `+1.2 pts`, `−0.4 pts`.
    public func points(_ delta: Double, decimals: Int = 1) -> String {
        signed(number(abs(delta), decimals: decimals), delta, decimals: decimals) + " pts"
    }

    /// A signed change of a count or amount: `+12`, `−$1,200`.
    public func signedNumber(_ delta: Double, decimals: Int = 0) -> String {
        signed(number(abs(delta), decimals: decimals), delta, decimals: decimals)
    }

    public func signedMoney(_ delta: Double, decimals: Int = 0) -> String {
        let text = money(abs(delta), decimals: decimals)
        return signed(text, delta, decimals: decimals)
    }

    /// `20 November 2026` (or `November 20, 2026` for en-US).
    public func longDate(_ day: Day) -> String {
        let (y, m, d) = day.components
        let month = locale.monthNames[m - 1]
        if locale.identifier == "de" { return "\(d). \(month) \(y)" }
        return locale.dayFirst ? "\(d) \(month) \(y)" : "\(month) \(d), \(y)"
    }

    /// A period label for people: months as `November 2026`, others as their label.
    public func periodName(_ period: Period) -> String {
        switch period.granularity {
        case .month:
            let (y, m, _) = period.start.components
            return "\(locale.monthNames[m - 1]) \(y)"
        case .day: return longDate(period.start)
        case .week, .quarter: return period.label
        }
    }

    private func signed(_ magnitude: String, _ value: Double, decimals: Int) -> String {
        let rounded = ReportFormatter.split(value, decimals: decimals)
        if rounded.integerPart == 0 && Int(rounded.fraction) ?? 0 == 0 { return "±" + magnitude }
        return (rounded.negative ? "−" : "+") + magnitude
    }

    private func group(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += locale.groupingSeparator }
            out.append(ch)
        }
        return out
    }

    /// Splits |value| rounded half away from zero at `decimals` into integer and zero-padded
    /// fraction digits; `negative` is false when the rounded value is zero.
    static func split(_ value: Double, decimals: Int) -> (negative: Bool, integerPart: UInt64, fraction: String) {
        guard value.isFinite else { return (false, 0, String(repeating: "0", count: decimals)) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let units = scaled < 1.8e19 ? UInt64(scaled) : UInt64.max
        let factor = UInt64(scale)
        let integerPart = units / factor
        var fraction = decimals > 0 ? String(units % factor) : ""
        if fraction.count < decimals { fraction = String(repeating: "0", count: decimals - fraction.count) + fraction }
        return (value < 0 && units > 0, integerPart, fraction)
    }
}

private extension String {
    var trimmingSpace: String { hasSuffix(" ") ? String(dropLast()) : self }
}
