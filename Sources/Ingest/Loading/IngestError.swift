/// Why the ingest stage stopped. Every message says where (`path:line:column: error: …` when
/// a location exists, `path: error: …` otherwise) and what to do about it.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The file holds a NUL byte: it is not a text export.
    case binary(path: String, offset: Int)
    /// The file has no header row (no bytes, or only blank lines).
    case empty(path: String)
    /// A quoted field is never closed.
    case unterminatedQuote(path: String, line: Int, column: Int)
    /// A canonical field the entity needs has no column.
    case missingColumn(path: String, entity: Entity, field: String, tried: [String])
    /// A mapping (or `--map`) names a header that is not in the file.
    case mappedHeaderMissing(path: String, entity: Entity, field: String, header: String, available: [String])
    /// A date column whose `nn/nn/yyyy` dates could be read either way.
    case ambiguousDates(path: String, line: Int, column: Int, header: String, example: String)
    /// A date column with dates that are day-first and others that are month-first.
    case contradictoryDates(path: String, line: Int, column: Int, header: String)
    /// A `date_format` setting that is not understood.
    case unknownDateFormat(column: String, format: String)
    /// Amounts in more than one currency and no rate for some of them.
    case missingRates(currencies: [String], reportCurrency: String, missing: [String])
    /// Fewer than half of a file's rows name a known customer (see `CustomerJoining`).
    case unmatchedCustomers(UnmatchedCustomers)
    /// A file whose columns are aligned with spaces but cannot be split (see `AlignedText`).
    case alignedText(path: String, problem: AlignedTextProblem)
    /// A mapping that cannot be understood.
    case badMapping(ColumnMapping.Problem)
    /// No input files were given or found.
    case noInputs(String)
    /// A survey file whose kind (NPS, CSAT, CES) cannot be told.
    case unknownSurveyKind(path: String)
    /// A command-line setting that cannot be read.
    case badSetting(option: String, value: String)
    /// Several files in the input folder hold the same entity and none is clearly the one to use.
    case ambiguousInputs(entity: Entity, paths: [String])
    /// Strict mode: a row could not be read (rows excluded by a product rule do not count).
    case strictSkip(path: String, line: Int, column: Int, reason: String, message: String, total: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read the file: \(reason)"
        case .binary(let path, let offset):
            return "\(path): error: not a text file (binary data at byte \(offset), in the first 8000 bytes); export the data as CSV"
        case .empty(let path):
            return "\(path): error: the file is empty; expected a header row and data rows"
        case .unterminatedQuote(let path, let line, let column):
            return "\(path):\(line):\(column): error: this quoted field is never closed; "
                + "a closing \" is missing somewhere after this point"
        case .missingColumn(let path, let entity, let field, let tried):
            let examples = tried.prefix(4).map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(path):1:1: error: no column for \(entity) \(field) (looked for \(examples)); "
                + "name it with --map \(entity).\(field)=\"Your Header\""
        case .mappedHeaderMissing(let path, let entity, let field, let header, let available):
            return "\(path):1:1: error: the mapping for \(entity).\(field) names column \"\(header)\", "
                + "which the file does not have; its columns are " + available.map { "\"\($0)\"" }.joined(separator: ", ")
        case .ambiguousDates(let path, let line, let column, let header, let example):
            return "\(path):\(line):\(column): error: column \"\(header)\" has dates like \(example) that could be "
                + "day-first or month-first; set date_format (e.g. --date-format \"\(header)=dd/MM/yyyy\")"
        case .contradictoryDates(let path, let line, let column, let header):
            return "\(path):\(line):\(column): error: column \"\(header)\" has both day-first and month-first dates; "
                + "set date_format (e.g. --date-format \"\(header)=dd/MM/yyyy\") and fix the rows that disagree"
        case .unknownDateFormat(let column, let format):
            return "error: date_format \"\(format)\" for \"\(column)\" is not understood; "
                + "use dd/MM/yyyy, MM/dd/yyyy, dd.MM.yyyy or yyyy-MM-dd"
        case .missingRates(let currencies, let reportCurrency, let missing):
            let example = missing.first ?? "EUR"
            return "error: amounts are in several currencies (\(currencies.joined(separator: ", "))) and there is no "
                + "exchange rate for \(missing.joined(separator: ", ")) into the report currency \(reportCurrency); "
                + "give one per currency, e.g. --rate \(example)=1.08 (1 \(example) = 1.08 \(reportCurrency)), "
                + "or choose the report currency with --currency"
        case .unmatchedCustomers(let failure):
            return failure.description
        case .alignedText(let path, let problem):
            return "\(path):\(problem.line):1: error: \(problem.message)"
        case .badMapping(let problem):
            return "error: \(problem)"
        case .noInputs(let why):
            return "error: \(why)"
        case .unknownSurveyKind(let path):
            return "\(path):1:1: error: cannot tell which survey each response answers; add a column "
                + "\"Survey\" (NPS, CSAT, CES), map one with --map surveys.kind=\"Your Header\", or use --preset delighted"
        case .badSetting(let option, let value):
            switch option {
            case "--rate":
                return "error: cannot read --rate \"\(value)\"; write CODE=RATE with a three-letter currency code, "
                    + "e.g. --rate EUR=1.08 (1 EUR = 1.08 report-currency units)"
            default:
                return "error: cannot read \(option) \"\(value)\"; write Column=format, e.g. \(option) \"Created Date=dd/MM/yyyy\""
            }
        case .ambiguousInputs(let entity, let paths):
            return "error: \(paths.count) files in the input folder hold \(entity): " + paths.joined(separator: ", ")
                + "; keep one, or name the one to use with --\(entity.rawValue) FILE "
                + "(when every name carries a date such as 2024-11-25, the newest is used)"
        case .strictSkip(let path, let line, let column, let reason, let message, let total):
            return "\(path):\(line):\(column): error: \(message) [\(reason)]; strict mode stops on unreadable rows "
                + "(\(total) in this file)"
        }
    }
}
