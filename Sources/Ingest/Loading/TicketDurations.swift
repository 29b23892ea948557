import Model

/// Ticket times given as durations rather than instants: a first-response time
/// (`first_response_minutes`: Zendesk `First reply time in minutes`, Freshdesk
/// `First response time (in hrs)` as `HH:MM:SS`) and a resolution time (Freshdesk
/// `Resolution time (in hrs)`, Zendesk `Full resolution time in minutes`), each added to the
/// ticket's creation instant. A plain number is in the unit its header names (minutes when
/// it names none); `HH:MM:SS` is read as written. At most ten years: anything longer is not
/// a support time and the row is skipped as `bad_amount`.
struct TicketDurations: Sendable {
    /// Headers of a resolution-time column (used only when the file has no resolved date).
    static let resolutionHeaders = ["Resolution time (in hrs)", "Resolution Time", "Full resolution time in minutes",
                                    "Resolution time in minutes", "Time to Resolution", "Resolution time (hours)"]

    static let maximumSeconds: Int64 = 10 * 366 * 86_400

    let resolutionColumn: Int?
    let resolutionUnit: DurationParsing.Unit

    init(_ reader: FieldReader) {
        let keys = Set(Self.resolutionHeaders.map(headerKey))
        let used = Set(reader.columns.columns.values)
        let c = reader.header.indices.first { !used.contains($0) && keys.contains(headerKey(reader.header[$0])) }
        resolutionColumn = c
        resolutionUnit = c.flatMap { DurationParsing.unit(forHeader: reader.header[$0]) } ?? .minutes
    }

    /// The first response: `created` + the duration in `first_response_minutes`; nil when empty.
    func firstResponse(_ reader: FieldReader, _ row: RowView, created: Instant) throws(RowSkip) -> Instant? {
        guard let c = reader.column("first_response_minutes") else { return nil }
        let unit = DurationParsing.unit(forHeader: reader.header[c]) ?? .minutes
        return try Self.instant(reader, row, column: c, unit: unit, after: created, what: "first response time")
    }

    /// The resolution: `created` + the resolution duration; nil when there is no such column or the cell is empty.
    func resolved(_ reader: FieldReader, _ row: RowView, created: Instant) throws(RowSkip) -> Instant? {
        guard let c = resolutionColumn else { return nil }
        return try Self.instant(reader, row, column: c, unit: resolutionUnit, after: created, what: "resolution time")
    }

    private static func instant(_ reader: FieldReader, _ row: RowView, column c: Int, unit: DurationParsing.Unit,
                                after created: Instant, what: String) throws(RowSkip) -> Instant? {
        switch row.withBytes(c, { DurationParsing.read($0, plainUnit: unit) }) {
        case .empty:
            return nil
        case .seconds(let s) where s <= maximumSeconds:
            return Instant(secondsSince1970: created.secondsSince1970 + s)
        case .seconds:
            throw RowSkip(reason: "bad_amount", column: c,
                          message: "\(what) \"\(row.string(c) ?? "")\" in column \"\(reader.header[c])\" is out of range (over ten years)")
        case .invalid:
            throw RowSkip(reason: "bad_amount", column: c,
                          message: "cannot read \(what) \"\(row.string(c) ?? "")\" in column \"\(reader.header[c])\"; "
                            + "expected HH:MM:SS or a number")
        }
    }
}
