/// Where the intranet archive keeps its files: the one place that knows the layout, used by the
/// archive itself and by the command that checks its outputs and reads the previous period.
///
/// Layout of `DIR`:
/// ```
/// DIR/index.html               every published report, newest first, headline KPIs, links
/// DIR/2026-W47/index.html      the report for that period (validated, atomically replaced)
/// DIR/2026-W47/metrics.json    its metrics; the index reads "title", "as_of", "headline"
/// DIR/2026-W47.invalid.html    a report for that period that failed validation, kept to look at
/// DIR/.retention.lock          held (flock) by the publish in progress
/// ```
public struct ArchiveLayout: Sendable, Equatable {
    /// The name of a period's report, and of the archive's index, in their folders.
    public static let reportName = "index.html"
    /// The name of a period's metrics JSON in its folder.
    public static let metricsName = "metrics.json"
    static let lockName = ".retention.lock"

    /// The archive folder as given, less one trailing `/` (`archive/` → `archive`; `/` stays `/`).
    public let root: String

    public init(directory: String) {
        root = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
    }

    /// `DIR/index.html`.
    public var indexPath: String { root + "/" + Self.reportName }
    /// `DIR/<periodLabel>`.
    public func periodFolder(_ periodLabel: String) -> String { root + "/" + periodLabel }
    /// `DIR/<periodLabel>/index.html`.
    public func reportPath(_ periodLabel: String) -> String { periodFolder(periodLabel) + "/" + Self.reportName }
    /// `DIR/<periodLabel>/metrics.json`.
    public func metricsPath(_ periodLabel: String) -> String { periodFolder(periodLabel) + "/" + Self.metricsName }
    /// `DIR/<periodLabel>.invalid.html`.
    func rejectedReportPath(_ periodLabel: String) -> String { root + "/" + periodLabel + ".invalid.html" }
    /// `DIR/.retention.lock`.
    var lockPath: String { root + "/" + Self.lockName }
}
