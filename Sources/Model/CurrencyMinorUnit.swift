/// ISO 4217 minor-unit exponents: the number of decimal places of a currency's minor unit —
/// 2 for USD and EUR (cents), 0 for JPY and KRW, 3 for KWD and BHD (fils), 4 for CLF.
public enum CurrencyMinorUnit {
    /// ISO 4217 minor-unit exponents that are not 2 (every other active code has 2 decimals).
    /// Source: ISO 4217 list one (SIX Financial Information, "Current currency & funds code
    /// list", column "Minor unit").
    public static let exponents: [String: Int] = [
        // 0 decimals
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
        "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        // 3 decimals
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        // 4 decimals
        "CLF": 4, "UYW": 4,
    ]

    /// The exponent of `currency` (case-insensitive); 2 for any code not in `exponents`.
    public static func exponent(of currency: String) -> Int {
        exponents[currency.uppercased()] ?? 2
    }
}
