import Model

/// What the reader sees that is not a metric: the title, language and number formats, and
/// how many periods the trend views cover.
public struct ReportOptions: Sendable {
    public var title: String
    public var subtitle: String
    public var locale: ReportLocale
    /// Shown in the header and footer, e.g. "retention 0.1.0".
    public var generator: String
    /// Number of periods shown in trend charts and tables.
    public var trendPeriods: Int
    /// Cohorts (rows) and ages (columns) shown in the cohort tables; the metrics JSON has all.
    public var cohortRows: Int
    public var cohortColumns: Int
    /// Rows of the at-risk list.
    public var atRiskRows: Int

    public init(title: String = "Customer retention report", subtitle: String = "Weekly retention report",
                locale: ReportLocale = .english, generator: String = "retention", trendPeriods: Int = 12,
                cohortRows: Int = 12, cohortColumns: Int = 12, atRiskRows: Int = 25) {
        self.title = title
        self.subtitle = subtitle
        self.locale = locale
        self.generator = generator
        self.trendPeriods = trendPeriods
        self.cohortRows = cohortRows
        self.cohortColumns = cohortColumns
        self.atRiskRows = atRiskRows
    }
}
