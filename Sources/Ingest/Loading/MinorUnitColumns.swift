/// Which amount columns of a file hold minor units (see `MinorUnits`), and the scaling of a
/// row's amounts once its currency is known: net = amount·s(amount) − tax·s(tax) −
/// refunded·s(refunded), where s = 1 for a column in major units and 10^−exponent(currency)
/// for one in minor units.
struct MinorUnitColumns: Sendable, Equatable {
    var amount = false
    var tax = false
    var refunded = false

    init(_ reader: FieldReader) {
        func minor(_ field: String) -> Bool { reader.column(field).map { MinorUnits.isMinorUnitHeader(reader.header[$0]) } ?? false }
        amount = minor("amount")
        tax = minor("tax")
        refunded = minor("refunded")
        headers = ["amount", "tax", "refunded"].filter(minor).map { reader.headerName($0) }
    }

    /// Headers of the minor-unit columns, in field order.
    private(set) var headers: [String] = []

    var any: Bool { amount || tax || refunded }

    /// The row's net amount in major units.
    @inline(__always)
    func net(amount a: Double, tax t: Double, refunded r: Double, currency: String?) -> Double {
        guard any else { return a - t - r }
        func scaled(_ v: Double, _ minor: Bool) -> Double { minor ? MinorUnits.majorUnits(v, currency: currency) : v }
        return scaled(a, amount) - scaled(t, tax) - scaled(r, refunded)
    }

    /// One warning per file naming the columns read as minor units.
    var notes: [String] {
        guard any else { return [] }
        let list = headers.map { "\"\($0)\"" }.joined(separator: ", ")
        return ["amounts in \(list) are in the currency's minor unit (cents): each is divided by 10 to the power of "
            + "the currency's ISO 4217 decimals (100 for USD or EUR, 1 for JPY, 1000 for BHD)"]
    }
}
