/// Converts amounts into the report currency and remembers which currencies were met.
///
/// An amount with no currency (no currency column value, no symbol or code in the cell) is
/// taken to be in the report currency. The report currency is the configured one, else the
/// first currency met that has no rate. A currency that is neither the report currency nor
/// in `rates` is recorded in `missing`, and the load fails naming every currency.
struct CurrencyBook: Sendable {
    var rates: [String: Double]
    var reportCurrency: String?
    private(set) var seen: [String] = []
    private(set) var missing: [String] = []

    init(rates: [String: Double], reportCurrency: String?) {
        var upper: [String: Double] = [:]
        for (k, v) in rates { upper[k.uppercased()] = v }
        self.rates = upper
        self.reportCurrency = reportCurrency?.uppercased()
    }

    /// `amount` in the report currency.
    @inline(__always)
    mutating func convert(_ amount: Double, currency: String?) -> Double {
        guard let code = currency else { return amount }
        if code == reportCurrency { return amount }
        note(code)
        if reportCurrency == nil && rates[code] == nil {
            reportCurrency = code
            return amount
        }
        if let rate = rates[code] { return amount * rate }
        if !missing.contains(code) { missing.append(code) }
        return amount
    }

    /// What `convert` does to amounts in `code` once it has converted one: multiply by the
    /// rate, or nil (take them as they are: the report currency, or a currency without a rate,
    /// which is then `missing`). Fixed from then on: the report currency, once chosen, stays,
    /// and a currency with a rate is never chosen.
    func factor(for code: String) -> Double? {
        code == reportCurrency ? nil : rates[code]
    }

    private mutating func note(_ code: String) {
        if !seen.contains(code) { seen.append(code) }
    }

    /// Adds what another book (e.g. a parallel partition's) met.
    mutating func merge(_ other: CurrencyBook) {
        for c in other.seen where !seen.contains(c) { seen.append(c) }
        for c in other.missing where !missing.contains(c) { missing.append(c) }
    }

    /// The currency every amount ended up in.
    var currency: String { reportCurrency ?? "USD" }

    /// Throws when some currency had no rate.
    func check() throws(IngestError) {
        guard !missing.isEmpty else { return }
        var all = seen
        if let r = reportCurrency, !all.contains(r) { all.insert(r, at: 0) }
        throw .missingRates(currencies: all.sorted(), reportCurrency: currency, missing: missing.sorted())
    }
}
