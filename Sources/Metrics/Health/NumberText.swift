/// Plain, locale-free number text for health reasons (no Foundation, no locale).
enum NumberText {
    /// `x` with exactly `digits` decimals, rounded half away from zero: 1234.5 → "1234.50".
    static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return String(describing: x) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(describing: x) }
        let whole = Int64(scaled)
        let factor = Int64(scale)
        let integer = String(whole / factor)
        var fraction = ""
        if digits > 0 {
            let f = String(whole % factor)
            fraction = "." + String(repeating: "0", count: digits - f.count) + f
        }
        return (x < 0 && whole != 0 ? "−" : "") + integer + fraction
    }

    /// A signed percentage with one decimal: 0.1 → "+10.0 %", −0.05 → "−5.0 %".
    static func signedPercent(_ ratio: Double) -> String {
        (ratio > 0 ? "+" : "") + fixed(ratio * 100, digits: 1) + " %"
    }

    /// "1 open ticket", "2 open tickets".
    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) " + (n == 1 ? singular : plural)
    }
}
