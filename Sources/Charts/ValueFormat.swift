/// How a chart (and the report) writes numbers: fixed decimals, half away from zero,
/// comma thousands separators, ASCII "-" for negatives, independent of any locale.
///
/// Decimals are clamped to 0…12. NaN, infinities and magnitudes whose digits do not fit in
/// 64 bits (about 1.8e19 / 10^decimals) are written "n/a".
public enum ValueFormat: Sendable, Hashable {
    /// 1234.5 with `decimals: 1` → "1,234.5".
    case plain(decimals: Int)
    /// A ratio shown in per cent: 0.25 with `decimals: 0` → "25%", 0.0412 with 1 → "4.1%".
    case percent(decimals: Int)
    /// Money with the given prefix symbol: 12000 with "$", 0 → "$12,000"; -1200.5 with 2 →
    /// "-$1,200.50". A symbol ending in a letter ("CHF") is followed by a no-break space.
    case currency(symbol: String, decimals: Int)

    /// `.plain(2)` for `.plain(decimals: 2)`.
    public static func plain(_ decimals: Int) -> ValueFormat { .plain(decimals: decimals) }
    /// `.percent(1)` for `.percent(decimals: 1)`.
    public static func percent(_ decimals: Int) -> ValueFormat { .percent(decimals: decimals) }
    /// `.currency(symbol: "$", 0)` for `.currency(symbol: "$", decimals: 0)`.
    public static func currency(symbol: String, _ decimals: Int) -> ValueFormat { .currency(symbol: symbol, decimals: decimals) }

    /// The full value text.
    public func format(_ value: Double) -> String {
        text(value, signed: false)
    }

    /// Like `format`, with an explicit "+" for values that do not round to zero:
    /// 1200 → "+$1,200", -0.012 → "-1.2%", 0.0001 with 0 decimals → "0%".
    public func formatSigned(_ value: Double) -> String {
        text(value, signed: true)
    }

    /// A short form for tiles and tight labels: below 1,000 it is `format`; from 1,000 on
    /// plain and currency values are divided by 10^3/10^6/10^9 and suffixed "k"/"M"/"B", with one
    /// decimal below 10 (trailing ".0" dropped) and none from 10 on: 1234 → "$1.2k",
    /// 12000 → "$12k", 1_500_000 → "$1.5M", 999_960 → "$1M". Percent values are unchanged.
    public func formatCompact(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        switch self {
        case .percent: return format(value)
        case .plain, .currency:
            let magnitude = value.magnitude
            guard magnitude >= 1000 else { return format(value) }
            let suffixes: [(divisor: Double, suffix: String)] = [(1e3, "k"), (1e6, "M"), (1e9, "B")]
            var index = suffixes.lastIndex { magnitude >= $0.divisor } ?? 0
            while true {
                let scaled = magnitude / suffixes[index].divisor
                let decimals = scaled < 10 ? 1 : 0
                guard let parts = DecimalText.digits(scaled, decimals: decimals) else { return "n/a" }
                // 999,960 is "1000k" at this unit: move up to "1M".
                if parts.integer.count >= 4, index + 1 < suffixes.count { index += 1; continue }
                var number = DecimalText.grouped(parts.integer)
                if decimals == 1, parts.fraction != "0" { number += "." + parts.fraction }
                return assemble(negative: value < 0, signed: false, number: number + suffixes[index].suffix, isZero: false)
            }
        }
    }

    /// Tick labels for an axis built on `scale`: every label with as many decimals as the step
    /// needs (step 0.02 in per cent → "2%", step 0.005 → "0.5%", "1.0%"), zero always as "0",
    /// "0%" or "$0"; plain and currency axes whose largest
    /// tick reaches 10,000 share one suffix: k from 10^4, M from 10^6, B from 10^9
    /// (ticks 0…40,000 step 10,000 → "$0", "$10k", …, "$40k").
    public func axisLabels(for scale: NiceScale) -> [String] {
        let largest = scale.ticks.map(\.magnitude).max() ?? 0
        switch self {
        case .percent:
            let decimals = max(0, -(scale.stepExponent + 2))
            return scale.ticks.map { ValueFormat.percent(decimals: $0 == 0 ? 0 : decimals).format($0) }
        case .plain, .currency:
            let units: (Double, Int, String) =
                largest >= 1e9 ? (1e9, 9, "B") : largest >= 1e6 ? (1e6, 6, "M") : largest >= 1e4 ? (1e3, 3, "k") : (1, 0, "")
            let decimals = max(0, units.1 - scale.stepExponent)
            func unitFormat(_ decimals: Int) -> ValueFormat {
                if case .currency(let symbol, _) = self { return .currency(symbol: symbol, decimals: decimals) }
                return .plain(decimals: decimals)
            }
            return scale.ticks.map { tick in
                tick == 0 ? unitFormat(0).format(0) : unitFormat(decimals).format(tick / units.0) + units.2
            }
        }
    }

    /// The smallest axis step worth showing with this format: ticks finer than the format's
    /// own precision would repeat labels (a count axis never gets a 0.5 step).
    var finestStep: Double {
        switch self {
        case .plain(let decimals): return DecimalText.power(-max(0, decimals))
        case .percent(let decimals): return DecimalText.power(-max(0, decimals) - 2)
        case .currency(_, let decimals): return DecimalText.power(-max(0, decimals))
        }
    }

    private func text(_ value: Double, signed: Bool) -> String {
        let decimals: Int
        let scaled: Double
        switch self {
        case .plain(let d): decimals = d; scaled = value
        case .percent(let d): decimals = d; scaled = value * 100
        case .currency(_, let d): decimals = d; scaled = value
        }
        guard let parts = DecimalText.digits(scaled, decimals: decimals) else { return "n/a" }
        var number = DecimalText.grouped(parts.integer)
        if !parts.fraction.isEmpty { number += "." + parts.fraction }
        let isZero = !parts.negative && parts.integer.allSatisfy { $0 == "0" } && parts.fraction.allSatisfy { $0 == "0" }
        return assemble(negative: parts.negative, signed: signed, number: number, isZero: isZero)
    }

    private func assemble(negative: Bool, signed: Bool, number: String, isZero: Bool) -> String {
        let sign = negative ? "-" : (signed && !isZero ? "+" : "")
        switch self {
        case .plain: return sign + number
        case .percent: return sign + number + "%"
        case .currency(let symbol, _):
            let separator = symbol.last?.isLetter == true ? "\u{A0}" : ""
            return sign + symbol + separator + number
        }
    }
}
