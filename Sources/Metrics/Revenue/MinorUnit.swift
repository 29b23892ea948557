import Model

/// The decimal places of a currency's minor unit (ISO 4217 "exponent"): cents for USD and EUR
/// (2), none for JPY and KRW (0), fils for KWD and BHD (3).
///
/// Every amount enters the metrics as a whole number of minor units (order amounts after
/// conversion, each subscription's normalised MRR), rounded half away from zero — as ChartMogul
/// and Baremetrics keep amounts in cents — so every money total is an exact number of minor
/// units and the metrics JSON can print it exactly.
public enum MinorUnit {
    /// Decimal places of `currency`'s minor unit (`CurrencyMinorUnit`); 2 for any code not listed there.
    public static func digits(of currency: String) -> Int {
        CurrencyMinorUnit.exponent(of: currency)
    }

    /// 10^digits.
    public static func scale(_ digits: Int) -> Double {
        var s = 1.0
        for _ in 0..<max(0, digits) { s *= 10 }
        return s
    }

    /// `amount` rounded to a whole number of minor units (half away from zero).
    public static func rounded(_ amount: Double, digits: Int) -> Double {
        rounded(amount, scale: scale(digits))
    }

    /// The same with the scale worked out once (`scale(digits)`), for callers rounding many amounts.
    @inline(__always)
    static func rounded(_ amount: Double, scale s: Double) -> Double {
        let r = HalfAwayRounding.rounded(amount * s) / s
        return r == 0 ? 0 : r
    }
}
