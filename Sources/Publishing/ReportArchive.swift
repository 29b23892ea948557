import Validation

/// The intranet archive: one folder per period, and an index of all of them.
///
/// Layout of `DIR`:
/// ```
/// DIR/index.html               every published report, newest first, headline KPIs, links
/// DIR/2026-W47/index.html      the report for that period (validated, atomically replaced)
/// DIR/2026-W47/metrics.json    its metrics; the index reads "title", "as_of", "headline"
/// ```
/// `metrics.json` must follow the contract documented on ``ReportHeadline``:
/// `{"title": "…", "as_of": "yyyy-MM-dd", "headline": {"Active customers": "1,204", "MRR": "$84,120"}}`
/// (other keys are ignored; headline values are preformatted strings, shown in file order).
/// The new period's metrics are checked against it before anything is written; an older
/// period whose `metrics.json` cannot be read is still listed, with the reason.
public struct ReportArchive: Sendable {
    let reports: ReportPublisher
    let index: ReportPublisher
    let files: any FileOperations

    public init() {
        self.init(files: POSIXFileOperations())
    }

    init(files: any FileOperations) {
        self.files = files
        reports = ReportPublisher(validator: ReportValidator(), files: files)
        index = ReportPublisher(validator: ReportValidator(allowingRelativeLinks: true), files: files)
    }

    /// Publishes `report` and `metricsJSON` as `DIR/<periodLabel>/index.html` and
    /// `DIR/<periodLabel>/metrics.json` (replacing that period only), then regenerates
    /// `DIR/index.html`. Returns the archived period labels, newest first.
    ///
    /// `periodLabel` must be a plain folder name: letters, digits, `-`, `_`, `.`, starting with
    /// a letter or digit (e.g. `2026-W47`, `2026-11`, `2026-Q4`).
    @discardableResult
    public func publish(report: [UInt8], metricsJSON: [UInt8], periodLabel: String,
                        into directory: String) throws(PublishingError) -> [String] {
        guard Self.isPeriodLabel(periodLabel) else { throw .invalidPeriodLabel(periodLabel) }
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let folder = root + "/" + periodLabel
        _ = try ReportHeadline(metricsJSON: metricsJSON, path: folder + "/metrics.json")
        for path in [root, folder] {
            do { try files.createFolder(path) } catch { throw .cannotCreateFolder(path: path, failure: error) }
        }
        try reports.publish(report: report, to: folder + "/index.html")
        try reports.publish(data: metricsJSON, to: folder + "/metrics.json")

        let entries = try readEntries(root)
        try index.publish(report: Array(ArchiveIndexPage.render(entries).utf8), to: root + "/index.html")
        return entries.map(\.periodLabel)
    }

    /// Every period folder of `root` holding an `index.html`, newest first.
    func readEntries(_ root: String) throws(PublishingError) -> [ArchiveEntry] {
        let names: [String]
        do { names = try files.folderEntries(root) } catch { throw .cannotRead(path: root, failure: error) }
        var entries: [ArchiveEntry] = []
        for name in names where Self.isPeriodLabel(name) {
            let folder = root + "/" + name
            guard files.isFolder(folder), files.fileExists(folder + "/index.html") else { continue }
            let metrics: Result<ReportHeadline, JSONReader.Failure>
            do {
                let bytes = try files.readFile(folder + "/metrics.json")
                metrics = Result { () throws(JSONReader.Failure) in try ReportHeadline.read(bytes) }
            } catch {
                metrics = .failure(JSONReader.Failure(message: error.reason))
            }
            entries.append(ArchiveEntry(periodLabel: name, metrics: metrics))
        }
        return entries.sorted(by: ArchiveEntry.newestFirst)
    }

    static func isPeriodLabel(_ label: String) -> Bool {
        let bytes = Array(label.utf8)
        guard let first = bytes.first, bytes.count <= 64, isAlphanumeric(first), !label.contains("..") else {
            return false
        }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }
}
