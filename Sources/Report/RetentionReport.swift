import Metrics
import Model
import Mustache

/// The view model of one report: everything the templates see, built from the metrics.
///
/// The context is a tree of plain values (documented in docs/report-context.md): preformatted
/// strings for display, booleans and optional objects that switch sections on and off (a
/// section whose data the inputs do not have is absent, so its partial renders nothing), and
/// lists for tables. Chart SVG and data tables are markup produced by the Charts module with every
/// data string escaped there; everything else is plain text that the templates escape.
public struct RetentionReport: Sendable {
    public let context: MustacheValue
    public let headlines: [Headline]
    /// Preformatted KPI values for the latest complete period (label → text), for the archive.
    public let headlineKPIs: [(label: String, value: String)]
    /// How many at-risk customers the health section lists (`ReportOptions.atRiskRows`).
    public let atRiskRows: Int

    public init(analysis: RetentionAnalysis, dataset: Dataset, options: ReportOptions) {
        let configuration = analysis.configuration
        let format = ReportFormatter(locale: options.locale, currencyCode: dataset.currency)
        let periods = ReportPeriods(configuration: configuration, trendPeriods: options.trendPeriods)
        let word = RetentionReport.word(for: configuration.calendar.granularity)

        let headlines = HeadlineRules(analysis: analysis, periods: periods, format: format).headlines()
        let tiles = KPISection(analysis: analysis, periods: periods, format: format).tiles()
        self.headlines = headlines
        self.headlineKPIs = tiles.map { ($0.label, $0.value) }
        self.atRiskRows = options.atRiskRows

        var root: [String: MustacheValue] = [:]
        let firstPeriod = analysis.cohorts.rows.first?.cohort ?? periods.trend.first!
        let inputSummary = dataset.inputs.isEmpty ? "no input files"
            : dataset.inputs.map { "\($0.path) (\(format.integer($0.rowsRead)) rows)" }.joined(separator: ", ")
        root["report"] = .object([
            "title": .string(options.title),
            "subtitle": .string(options.subtitle),
            "lang": .string(options.locale.identifier),
            "as_of": .string(configuration.asOf.description),
            "as_of_long": .string(format.longDate(configuration.asOf)),
            "coverage": .string("\(format.periodName(firstPeriod)) – \(format.longDate(configuration.asOf))"),
            "latest_period": .string(format.periodName(periods.latestComplete)),
            "granularity": .string(configuration.calendar.granularity.rawValue),
            "granularity_label": .string(["day": "Daily", "week": "Weekly", "month": "Monthly", "quarter": "Quarterly"][word]!),
            "generator": .string(options.generator),
            "currency": .string(dataset.currency),
            "input_summary": .string(inputSummary),
        ])
        root["has_headlines"] = .bool(!headlines.isEmpty)
        root["headlines"] = .list(headlines.map(\.context))
        root["kpis"] = .list(tiles.map(\.context))

        var toc: [(String, String)] = [("headlines", "What changed"), ("kpis", "Key figures")]
        let cohorts = CohortSection(table: analysis.cohorts, options: options, format: format, granularityWord: word)
        if !cohorts.isEmpty {
            root["cohorts"] = cohorts.context()
            toc.append(("cohorts", "Cohorts"))
        }
        let sections: [(key: String, title: String, value: MustacheValue?)] = [
            ("churn", "Churn", ChurnSection(analysis: analysis, periods: periods, format: format, granularityWord: word).context()),
            ("revenue", "Revenue", RevenueSection(analysis: analysis, periods: periods, format: format, granularityWord: word).context()),
            ("satisfaction", "Satisfaction",
             SatisfactionSection(analysis: analysis, periods: periods, format: format, granularityWord: word).context()),
            ("health", "Health", HealthSection(analysis: analysis, customers: dataset.customers, options: options,
                                               format: format, granularityWord: word).context()),
            ("prediction", "Who may leave next",
             PredictionSection(analysis: analysis, customers: dataset.customers, options: options, format: format).context()),
            ("support", "Support", SupportSection(analysis: analysis, periods: periods, format: format, granularityWord: word).context()),
        ]
        for section in sections {
            guard let value = section.value else { continue }
            root[section.key] = value
            toc.append((section.key, section.title))
        }
        root["methodology"] = MethodologySection(analysis: analysis, asOf: configuration.asOf.description,
                                                 granularity: word, cadences: dataset.billingCadences).context()
        let quality = DataQualitySection(inputs: dataset.inputs, notUsed: dataset.notUsed, format: format).context()
        root["inputs_table"] = quality.table
        root["inputs"] = quality.inputs
        if let neverPaid = DataQualitySection.neverPaid(analysis.ledger, format: format) { root["never_paid"] = neverPaid }
        toc += [("methodology", "Methodology"), ("data-quality", "Data quality")]
        root["toc"] = .list(toc.map { .object(["id": .string($0.0), "title": .string($0.1)]) })
        context = .object(root)
    }

    static func word(for granularity: Granularity) -> String {
        switch granularity {
        case .day: return "day"
        case .week: return "week"
        case .month: return "month"
        case .quarter: return "quarter"
        }
    }
}

extension RetentionReport {
    /// This report with a "Since last report" section comparing it with a previous report's
    /// metrics JSON (`current` is this report's own metrics document).
    public func addingSinceLastReport(_ comparison: SinceLastReport, dataset: Dataset, options: ReportOptions) -> RetentionReport {
        guard case .object(var root) = context else { return self }
        let format = ReportFormatter(locale: options.locale, currencyCode: dataset.currency)
        var names: [String: String] = [:]
        for c in dataset.customers { names[c.id] = c.name.isEmpty ? c.id : c.name }
        root["since_last"] = comparison.context(format: format, customerName: { names[$0] ?? $0 })
        if case .list(var toc)? = root["toc"] {
            toc.insert(.object(["id": "since-last", "title": "Since last report"]), at: min(2, toc.count))
            root["toc"] = .list(toc)
        }
        return RetentionReport(context: .object(root), headlines: headlines, headlineKPIs: headlineKPIs,
                               atRiskRows: atRiskRows)
    }

    init(context: MustacheValue, headlines: [Headline], headlineKPIs: [(label: String, value: String)], atRiskRows: Int) {
        self.context = context
        self.headlines = headlines
        self.headlineKPIs = headlineKPIs
        self.atRiskRows = atRiskRows
    }
}
