import Model

/// How input files become a `Dataset`.
public struct IngestOptions: Sendable {
    /// The zone report days are counted in (see `ReportTimeZone`). Default UTC.
    public var timeZone: ReportTimeZone
    /// Date formats per column: key is a header name (matched like headers are) or
    /// `entity.field`; value `dd/MM/yyyy`, `MM/dd/yyyy`, `dd.MM.yyyy` or `yyyy-MM-dd`.
    public var dateFormats: [String: String]
    /// Explicit header names for canonical fields.
    public var mapping: ColumnMapping
    /// `--preset NAME`: the product every file comes from (detected per file when nil).
    public var preset: Preset?
    /// `--preset FILE=NAME`: the product of one file, by file name (lower-cased).
    public var filePresets: [String: Preset] = [:]
    /// Exchange rates into the report currency: `rates["EUR"] = 1.08` means
    /// 1 EUR = 1.08 report-currency units.
    public var rates: [String: Double]
    /// ISO code of the report currency; default: the first currency met that has no rate,
    /// else USD.
    public var reportCurrency: String?
    /// When set, any skipped row stops the load with an error.
    public var strict: Bool
    /// When set (the command line sets it to today when no `--as-of` is given), a row whose
    /// event date — customer signup, order date, survey answer, ticket creation — is after
    /// this day is skipped as `future_date`: a mistyped year must not move the report. Scheduled
    /// ends and cancellations may lie ahead and are not checked.
    public var latestEventDay: Day?

    public init(timeZone: ReportTimeZone = .utc, dateFormats: [String: String] = [:],
                mapping: ColumnMapping = ColumnMapping(), preset: Preset? = nil, rates: [String: Double] = [:],
                reportCurrency: String? = nil, strict: Bool = false) {
        self.timeZone = timeZone
        self.dateFormats = dateFormats
        self.mapping = mapping
        self.preset = preset
        self.rates = rates
        self.reportCurrency = reportCurrency
        self.strict = strict
    }

    /// The configured day/month order for a column, if any (`.some(nil)`: configured, year-first).
    func dateOrder(entity: Entity, field: String, header: String) throws(IngestError) -> DayMonthOrder?? {
        let key = headerKey(header)
        let match = dateFormats.keys.sorted().first { k in
            headerKey(k) == key || k.lowercased() == "\(entity.rawValue).\(field)"
        }
        guard let match, let format = dateFormats[match] else { return nil }
        guard let order = DateParsing.order(fromFormat: format) else {
            throw .unknownDateFormat(column: match, format: format)
        }
        return .some(order)
    }
}

extension IngestOptions {
    /// Adds a `--date-format` setting, `Column=dd/MM/yyyy` (column: a header or `entity.field`).
    public mutating func addDateFormat(_ setting: String) throws(IngestError) {
        guard let eq = setting.lastIndex(of: "=") else { throw .badSetting(option: "--date-format", value: setting) }
        let column = String(setting[..<eq]).trimmingSpaces()
        let format = String(setting[setting.index(after: eq)...]).trimmingSpaces()
        guard !column.isEmpty, !format.isEmpty else { throw .badSetting(option: "--date-format", value: setting) }
        guard DateParsing.order(fromFormat: format) != nil else { throw .unknownDateFormat(column: column, format: format) }
        dateFormats[column] = format
    }

    /// Adds a `--rate` setting, `EUR=1.08` (1 EUR = 1.08 report-currency units).
    public mutating func addRate(_ setting: String) throws(IngestError) {
        let parts = setting.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
        guard parts.count == 2, parts[0].count == 3, parts[0].allSatisfy({ $0.isASCII && $0.isLetter }),
              let rate = Double(parts[1]), rate > 0, rate.isFinite else {
            throw .badSetting(option: "--rate", value: setting)
        }
        rates[parts[0].uppercased()] = rate
    }

    /// Adds a `--map` setting, `entity.field=Header`.
    public mutating func addMapping(_ setting: String) throws(IngestError) {
        do { mapping = try mapping.parse(override: setting) } catch { throw .badMapping(error) }
    }
}
