/// The decimal places of a currency's minor unit (ISO 4217 "exponent"): cents for USD and EUR
/// (2), none for JPY and KRW (0), fils for KWD and BHD (3).
///
/// Every amount enters the metrics as a whole number of minor units (order amounts after
/// conversion, each subscription's normalised MRR), rounded half away from zero — as ChartMogul
/// and Baremetrics keep amounts in cents — so every money total is an exact number of minor
/// units and the metrics JSON can print it exactly.
public enum MinorUnit {
    /// ISO 4217 currencies whose minor unit is not 2 decimal places (list of 2024).
    private static let exceptions: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
        "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    /// Decimal places of `currency`'s minor unit; 2 for any code not in the exceptions.
    public static func digits(of currency: String) -> Int {
        exceptions[currency.uppercased()] ?? 2
    }

    /// 10^digits.
    public static func scale(_ digits: Int) -> Double {
        var s = 1.0
        for _ in 0..<max(0, digits) { s *= 10 }
        return s
    }

    /// `amount` rounded to a whole number of minor units (half away from zero).
    public static func rounded(_ amount: Double, digits: Int) -> Double {
        let s = scale(digits)
        let r = (amount * s).rounded(.toNearestOrAwayFromZero) / s
        return r == 0 ? 0 : r
    }
}
