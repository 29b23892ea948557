import Foundation
import Ingest
import Metrics
import Model
import Mustache
import Report

/// Everything `retention report` is configured with: the `--config` JSON file first, then the
/// command-line options on top (an option always wins over the file).
///
/// Config keys: `title`, `locale`, `period`, `week_start`, `cohort_by`, `unbounded`,
/// `inactivity_days`, `gross_margin`, `discount_rate`, `segments` (list), `time_zone`, `currency`, `rates`
/// (object CUR → rate), `date_formats` (object column → format), `preset`, `mapping` (object
/// `entity.field` → header), `templates`, `strict`, `health` (`amber_from`, `green_from`, `rules`:
/// rule name → points, summing to 100, 0 to drop a rule), `support` (`first_response_hours` and
/// `resolution_hours`: priority → hours).
struct ReportSettings {
    var ingest = IngestOptions()
    var asOf: Day?
    var granularity = Granularity.month
    var weekStart = Weekday.monday
    /// nil: first payment when the data has revenue (trials are not customers yet, as in
    /// ChartMogul's cohorts), signup otherwise.
    var cohortBasis: CohortBasis?
    var unbounded = false
    var inactivityDays = 90
    /// Whether `--inactivity-days` (or `inactivity_days`) was given: it then overrides the
    /// billing cadence inferred per customer.
    var inactivityDaysGiven = false
    var grossMargin = 1.0
    var prediction = PredictionConfiguration()
    var segments = ["plan", "segment", "region", "channel"]
    var report = ReportOptions(generator: "retention \(RetentionCommandLine.version)")
    var health = HealthConfiguration()
    var support = SupportConfiguration()
    var templates: String?

    /// Exchange rates (1 unit of the currency = rate report-currency units): from 0.000001 to
    /// 1 000 000, on the command line as in the configuration. A rate of 0, a negative, an
    /// infinite or a vanishing rate would turn every amount into 0, nonsense or infinity.
    static let rateRange: ClosedRange<Double> = 0.000_001...1_000_000
    static let rateExpectation = "a rate from 0.000001 to 1000000"
    /// `inactivity_days` / `--inactivity-days`.
    static let inactivityDaysRange: ClosedRange<Double> = 1...3650

    init(_ args: ParsedArguments) throws {
        if let path = args.value("config") { try apply(configFile: path) }
        try apply(args)
        if let templates {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: templates, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(message: "\(templates): error: no such templates folder (--templates)", status: .templateError)
            }
        }
    }

    /// - Parameter cadences: the billing cadences inferred at ingest; each customer then stays
    ///   active for the period a payment covers plus grace, unless `--inactivity-days` was given.
    func metrics(asOf: Day, hasRevenue: Bool, cadences: BillingCadences? = nil) -> MetricsConfiguration {
        MetricsConfiguration(asOf: asOf, calendar: PeriodCalendar(granularity, weekStart: weekStart),
                             cohortBasis: cohortBasis ?? (hasRevenue ? .firstPayment : .signup), unboundedRetention: unbounded, inactivityDays: inactivityDays,
                             grossMargin: grossMargin, segmentAttributes: segments,
                             activeDaysAfterPayment: inactivityDaysGiven ? nil
                                : cadences?.activeDaysAfterPayment(fallback: inactivityDays))
    }

    private mutating func apply(_ args: ParsedArguments) throws {
        if let text = args.value("as-of") {
            guard let day = Day(iso: text) else {
                throw UsageError.invalidValue(option: "as-of", value: text, expected: "a date as YYYY-MM-DD")
            }
            asOf = day
        }
        if let v = try args.choice("period", of: Granularity.allCases.map(\.rawValue)) { granularity = Granularity(rawValue: v)! }
        if let v = args.value("week-start") {
            guard let day = Weekday(name: v) else {
                throw UsageError.invalidValue(option: "week-start", value: v, expected: "a day name such as monday or sunday")
            }
            weekStart = day
        }
        if let v = try args.choice("cohort-by", of: CohortBasis.allCases.map(\.rawValue)) { cohortBasis = CohortBasis(rawValue: v)! }
        if args.flag("unbounded") { unbounded = true }
        if let n = try args.integer("inactivity-days", in: 1...3650) {
            inactivityDays = n
            inactivityDaysGiven = true
        }
        if let v = args.value("discount-rate") {
            guard let rate = Double(v), rate >= 0, rate < 1 else {
                throw UsageError.invalidValue(option: "discount-rate", value: v, expected: "an annual rate between 0 and 1, e.g. 0.1")
            }
            prediction.annualDiscountRate = rate
        }
        if let title = args.value("title") { report.title = title }
        if let id = args.value("locale") { try setLocale(id, option: "locale") }
        if let tz = args.value("time-zone") { try setTimeZone(tz, option: "time-zone") }
        if let code = args.value("currency") { ingest.reportCurrency = code.uppercased() }
        for rate in args.all("rate") {
            let parts = rate.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].count == 3, parts[0].allSatisfy({ $0.isASCII && $0.isLetter }),
                  let value = Double(parts[1]), value.isFinite, ReportSettings.rateRange.contains(value) else {
                throw UsageError.invalidValue(option: "rate", value: rate,
                                              expected: "CUR=RATE, e.g. EUR=1.08, with " + ReportSettings.rateExpectation)
            }
            ingest.rates[parts[0].uppercased()] = value
        }
        for format in args.all("date-format") {
            let parts = format.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw UsageError.invalidValue(option: "date-format", value: format, expected: "COLUMN=FORMAT, e.g. \"Created Date=dd/MM/yyyy\"")
            }
            ingest.dateFormats[parts[0]] = parts[1]
        }
        try ReportSettings.applyMappingOptions(args, to: &ingest)
        if args.flag("strict") { ingest.strict = true }
        if let dir = args.value("templates") { templates = dir }
    }

    private mutating func setLocale(_ id: String, option: String) throws {
        guard let locale = ReportLocale.named(id) else {
            throw UsageError.invalidValue(option: option, value: id,
                                          expected: "one of " + ReportLocale.all.map(\.identifier).joined(separator: ", "))
        }
        report.locale = locale
    }

    private mutating func setTimeZone(_ text: String, option: String) throws {
        guard let zone = ReportTimeZone(text) else {
            throw UsageError.invalidValue(option: option, value: text, expected: "UTC, an offset like +02:00, or a zone name like Europe/Berlin")
        }
        ingest.timeZone = zone
    }

    private mutating func setPreset(_ name: String, option: String) throws {
        ingest.preset = try ReportSettings.preset(named: name, option: option)
    }

    static func preset(named name: String, option: String) throws -> Preset {
        guard let preset = Preset(name: name) else {
            throw UsageError.invalidValue(option: option, value: name,
                                          expected: "one of " + Preset.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return preset
    }

    /// `--preset NAME` and every `--map entity.field=Header`, shared by `report` and `inspect`.
    static func applyMappingOptions(_ args: ParsedArguments, to options: inout IngestOptions) throws {
        for value in args.all("preset") {
            // `--preset deals.csv=hubspot` names the product of one file; `--preset hubspot` of all.
            if let eq = value.lastIndex(of: "=") {
                let file = String(value[..<eq]).trimmingCharacters(in: .whitespaces)
                let name = String(value[value.index(after: eq)...])
                guard !file.isEmpty else {
                    throw UsageError.invalidValue(option: "preset", value: value, expected: "NAME or FILE=NAME")
                }
                let fileName = file.split(separator: "/").last.map(String.init) ?? file
                options.filePresets[fileName.lowercased()] = try preset(named: name, option: "preset")
            } else {
                options.preset = try preset(named: value, option: "preset")
            }
        }
        for entry in args.all("map") {
            do {
                options.mapping = try options.mapping.parse(override: entry)
            } catch {
                throw UsageError.invalidValue(option: "map", value: entry, expected: "\(error)")
            }
        }
    }

    /// Reads the JSON configuration file; problems are reported as `FILE: error: key "x": …`.
    private mutating func apply(configFile path: String) throws {
        let value: MustacheValue
        do {
            value = try MustacheValue(jsonData: Data(try Files.read(path)))
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(path): error: not valid JSON: \(error)", status: .usage)
        }
        guard case .object(let config) = value else {
            throw CommandFailure(message: "\(path): error: the configuration must be a JSON object", status: .usage)
        }
        func fail(_ key: String, _ expected: String) -> CommandFailure {
            CommandFailure(message: "\(path): error: key \"\(key)\": expected \(expected)", status: .usage)
        }
        func string(_ key: String) throws -> String? {
            guard let v = config[key] else { return nil }
            guard case .string(let s) = v else { throw fail(key, "a string") }
            return s
        }
        /// A number in `range` (`whole`: without fraction); `name` is the key's full path.
        func number(_ key: String, in object: [String: MustacheValue]? = nil, named name: String? = nil,
                    range: ClosedRange<Double>, whole: Bool = false, expected: String) throws -> Double? {
            let value: Double
            switch (object ?? config)[key] {
            case nil: return nil
            case .int(let i)?: value = Double(i)
            case .double(let d)?: value = d
            default: throw fail(name ?? key, expected)
            }
            guard value.isFinite, range.contains(value), !whole || value == value.rounded() else {
                throw fail(name ?? key, expected)
            }
            return value
        }
        func strings(_ key: String) throws -> [String: String]? {
            guard let v = config[key] else { return nil }
            guard case .object(let o) = v else { throw fail(key, "an object of strings") }
            var out: [String: String] = [:]
            for (k, item) in o {
                guard case .string(let s) = item else { throw fail("\(key).\(k)", "a string") }
                out[k] = s
            }
            return out
        }
        let known: Set<String> = ["title", "locale", "period", "week_start", "cohort_by", "unbounded", "inactivity_days",
                                  "gross_margin", "segments", "time_zone", "currency", "rates", "date_formats", "preset",
                                  "mapping", "templates", "strict", "health", "support", "discount_rate"]
        if let unknown = config.keys.sorted().first(where: { !known.contains($0) }) {
            throw CommandFailure(message: "\(path): error: unknown key \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))",
                                 status: .usage)
        }
        if let v = try string("title") { report.title = v }
        if let v = try string("locale") { try setLocale(v, option: "config locale") }
        if let v = try string("period") {
            guard let g = Granularity(rawValue: v) else { throw fail("period", "day, week, month or quarter") }
            granularity = g
        }
        if let v = try string("week_start") {
            guard let d = Weekday(name: v) else { throw fail("week_start", "a day name") }
            weekStart = d
        }
        if let v = try string("cohort_by") {
            guard let b = CohortBasis(rawValue: v) else { throw fail("cohort_by", "signup or first_payment") }
            cohortBasis = b
        }
        if let v = config["unbounded"] {
            guard case .bool(let b) = v else { throw fail("unbounded", "true or false") }
            unbounded = b
        }
        if let v = config["strict"] {
            guard case .bool(let b) = v else { throw fail("strict", "true or false") }
            ingest.strict = b
        }
        if let v = try number("inactivity_days", range: ReportSettings.inactivityDaysRange, whole: true,
                              expected: "a whole number of days from 1 to 3650") {
            inactivityDays = Int(exactly: v)!  // whole and within 1…3650
            inactivityDaysGiven = true
        }
        if let v = try number("gross_margin", range: 0...1, expected: "a fraction between 0 and 1, e.g. 0.8") {
            guard v > 0 else { throw fail("gross_margin", "a fraction between 0 and 1, e.g. 0.8") }
            grossMargin = v
        }
        if let v = try number("discount_rate", range: 0...1, expected: "an annual rate between 0 and 1, e.g. 0.1") {
            guard v < 1 else { throw fail("discount_rate", "an annual rate between 0 and 1, e.g. 0.1") }
            prediction.annualDiscountRate = v
        }
        if let v = config["segments"] {
            guard case .list(let items) = v else { throw fail("segments", "a list of attribute names") }
            segments = try items.map { item in
                guard case .string(let s) = item else { throw fail("segments", "a list of attribute names") }
                return s
            }
        }
        if let v = try string("time_zone") { try setTimeZone(v, option: "config time_zone") }
        if let v = try string("currency") { ingest.reportCurrency = v.uppercased() }
        if case .object(let rates)? = config["rates"] {
            for key in rates.keys.sorted() {
                guard key.count == 3, key.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                    throw fail("rates.\(key)", "a three-letter currency code")
                }
                ingest.rates[key.uppercased()] = try number(key, in: rates, named: "rates.\(key)",
                                                            range: ReportSettings.rateRange, expected: ReportSettings.rateExpectation)
            }
        } else if config["rates"] != nil { throw fail("rates", "an object like {\"EUR\": 1.08}") }
        if let formats = try strings("date_formats") { ingest.dateFormats.merge(formats) { _, new in new } }
        if let v = try string("preset") { try setPreset(v, option: "config preset") }
        if let mapping = try strings("mapping") {
            for (field, header) in mapping.sorted(by: { $0.key < $1.key }) {
                do {
                    ingest.mapping = try ingest.mapping.parse(override: "\(field)=\(header)")
                } catch {
                    throw CommandFailure(message: "\(path): error: key \"mapping.\(field)\": \(error)", status: .usage)
                }
            }
        }
        if let v = try string("templates") { templates = v }
        if case .object(let h)? = config["health"] {
            let bandExpectation = "a whole number of points from 0 to 100"
            let amber = try number("amber_from", in: h, named: "health.amber_from", range: 0...100, whole: true,
                                   expected: bandExpectation).map { Int(exactly: $0)! } ?? health.bands.amberFrom
            let green = try number("green_from", in: h, named: "health.green_from", range: 0...100, whole: true,
                                   expected: bandExpectation).map { Int(exactly: $0)! } ?? health.bands.greenFrom
            health.bands = HealthBands(amberFrom: amber, greenFrom: green)
            if case .object(let points)? = h["rules"] {
                let names = health.rules.map(\.name)
                if let unknown = points.keys.sorted().first(where: { !names.contains($0) }) {
                    throw fail("health.rules.\(unknown)", "one of the rule names " + names.joined(separator: ", "))
                }
                var rules: [HealthRule] = []
                for var rule in health.rules {
                    if points[rule.name] != nil {
                        rule.maxPoints = try number(rule.name, in: points, named: "health.rules.\(rule.name)",
                                                    range: 0...100, expected: "points from 0 to 100") ?? 0
                    }
                    if rule.maxPoints > 0 { rules.append(rule) }
                }
                health.rules = rules
            } else if h["rules"] != nil { throw fail("health.rules", "an object of rule name → points") }
            do { try health.validate() } catch { throw CommandFailure(message: "\(path): \(error)", status: .usage) }
        } else if config["health"] != nil { throw fail("health", "an object like {\"amber_from\": 51, \"green_from\": 76}") }
        if case .object(let sla)? = config["support"] {
            for (key, keyPath) in [("first_response_hours", \SupportConfiguration.firstResponseTargets),
                                   ("resolution_hours", \SupportConfiguration.resolutionTargets)] {
                guard let value = sla[key] else { continue }
                guard case .object(let hours) = value else { throw fail("support.\(key)", "an object of priority → hours") }
                for (name, _) in hours {
                    guard let priority = TicketPriority(rawValue: name) else {
                        throw fail("support.\(key).\(name)", "a priority: low, normal, high or urgent")
                    }
                    let expected = "hours from 0.01 to 8760 (one year)"
                    guard let h = try number(name, in: hours, named: "support.\(key).\(name)", range: 0.01...8760,
                                             expected: expected) else { continue }
                    support[keyPath: keyPath][priority] = Int64(exactly: (h * 3600).rounded())!  // at most 31 536 000
                }
            }
            health.support = support
        } else if config["support"] != nil { throw fail("support", "an object with first_response_hours and resolution_hours") }
    }
}
