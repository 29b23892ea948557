import Model

/// Amounts written in a currency's minor unit (cents, pence, fils) and how to scale them.
///
/// A column holds minor units when its header says so: a name ending in `cents` (`in_cents`,
/// `_cents`, `(in cents)`; not `percents`), `minor` or `minor units` (Recurly's `subscription_unit_amount_in_cents`,
/// `amount_in_cents`, …), or when it is one of Stripe's API amount fields written as Stripe
/// writes them (`unit_amount`, `amount_due`, `amount_paid`, `amount_remaining`,
/// `amount_captured`), which Stripe documents as "a positive integer representing how much to
/// charge in the smallest currency unit". A value in minor units is divided by
/// 10^exponent of its currency (ISO 4217): 1999 JPY is ¥1999, 1999 USD is $19.99 and
/// 1999 BHD is 1.999 BHD.
public enum MinorUnits {
    /// The number of decimals of `currency`'s minor unit (`CurrencyMinorUnit`); 2 when the code is unknown or nil.
    public static func exponent(_ currency: String?) -> Int {
        guard let currency else { return 2 }
        return CurrencyMinorUnit.exponent(of: currency)
    }

    /// The major-unit value of `minor` minor units of `currency` (minor ÷ 10^exponent).
    public static func majorUnits(_ minor: Double, currency: String?) -> Double {
        switch exponent(currency) {
        case 0: return minor
        case 3: return minor / 1000
        case 4: return minor / 10000
        default: return minor / 100
        }
    }

    /// Stripe API field names that hold integer minor units, as Stripe spells them.
    static let stripeMinorUnitFields: Set<String> = ["unit_amount", "amount_due", "amount_paid", "amount_remaining",
                                                       "amount_captured"]

    /// Whether a column with this header holds minor units (see the type's documentation).
    public static func isMinorUnitHeader(_ header: String) -> Bool {
        let h = header.lowercased().trimmingSpaces()
        if stripeMinorUnitFields.contains(h) { return true }
        let key = headerKey(h)
        if key.hasSuffix("cents") { return !key.hasSuffix("percents") }
        return key.hasSuffix("minor") || key.hasSuffix("minorunits")
    }
}
