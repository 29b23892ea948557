#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Validation

/// The intranet archive: one folder per period, and an index of all of them (the files are
/// laid out as ``ArchiveLayout`` says).
///
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
        index = ReportPublisher(validator: ReportValidator(), files: files)
    }

    /// Publishes `report` and `metricsJSON` as `DIR/<periodLabel>/index.html` and
    /// `DIR/<periodLabel>/metrics.json` (replacing that period only), then regenerates
    /// `DIR/index.html`. Returns the archived period labels, newest first.
    ///
    /// `periodLabel` must be a plain folder name: letters, digits, `-`, `_`, `.`, starting with
    /// a letter or digit (e.g. `2026-W47`, `2026-11`, `2026-Q4`).
    ///
    /// Safe against other publishes and planted links:
    /// - the whole publish holds an exclusive `flock` on `DIR/.retention.lock`, so two runs into
    ///   one archive take turns (the second waits) and never mix their files;
    /// - the period is written as one unit: both files go into a new folder
    ///   `DIR/.<periodLabel>.<random>.partial`, which then replaces the period folder (an atomic
    ///   swap where the system has `renameat2`, else two renames under the lock), so a reader
    ///   sees the old period or the new one, never a mix;
    /// - a period folder or `DIR/index.html` that is a symbolic link is refused
    ///   (``PublishingError/symbolicLink(path:)``), and nothing is ever written through a link.
    /// A report that fails validation is kept as `DIR/<periodLabel>.invalid.html`.
    @discardableResult
    public func publish(report: [UInt8], metricsJSON: [UInt8], periodLabel: String,
                        into directory: String) throws(PublishingError) -> [String] {
        guard Self.isPeriodLabel(periodLabel) else { throw .invalidPeriodLabel(periodLabel) }
        let layout = ArchiveLayout(directory: directory)
        let root = layout.root
        let folder = layout.periodFolder(periodLabel)
        _ = try ReportHeadline(metricsJSON: metricsJSON, path: layout.metricsPath(periodLabel))
        do { try files.createFolder(root) } catch { throw .cannotCreateFolder(path: root, failure: error) }
        let lock: Int32
        do {
            lock = try files.lockExclusively(layout.lockPath)
        } catch {
            throw .cannotLock(path: layout.lockPath, failure: error)
        }
        defer { close(lock) }

        // Under the lock no other publish is running: temporary files and folders left by an
        // interrupted one (`.<name>.<random>.partial`) are stale.
        for name in (try? files.folderEntries(root)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".partial") {
            files.removeTree(root + "/" + name)
        }
        for path in [folder, layout.indexPath] where files.isSymbolicLink(path) {
            throw .symbolicLink(path: path)
        }
        if files.fileExists(folder) && !files.isFolder(folder) { throw .notAFolder(path: folder) }
        let staging: String
        do {
            staging = try files.createTemporaryFolder(in: root, name: periodLabel)
        } catch {
            throw .cannotCreateFolder(path: root + "/." + periodLabel + ".partial", failure: error)
        }
        do {
            try reports.publish(report: report, to: staging + "/" + ArchiveLayout.reportName)
            try reports.publish(data: metricsJSON, to: staging + "/" + ArchiveLayout.metricsName)
            try replaceFolder(folder, with: staging)
        } catch {
            if case .invalidReport(_, let keptAt, let findings) = error {
                let rejected = layout.rejectedReportPath(periodLabel)
                do { try files.rename(keptAt, to: rejected) } catch {}
                files.removeTree(staging)
                throw .invalidReport(destination: layout.reportPath(periodLabel), keptAt: rejected, findings: findings.map {
                    ValidationFinding(path: rejected, line: $0.line, column: $0.column, rule: $0.rule, message: $0.message)
                })
            }
            files.removeTree(staging)
            throw error
        }
        let stale = layout.rejectedReportPath(periodLabel)
        if files.fileExists(stale) && !files.isFolder(stale) { files.removeFile(stale) }

        let entries = try readEntries(layout)
        try index.publish(report: Array(ArchiveIndexPage.render(entries).utf8), to: layout.indexPath)
        return entries.map(\.periodLabel)
    }

    /// Puts the finished `staging` folder in place of `folder`.
    private func replaceFolder(_ folder: String, with staging: String) throws(PublishingError) {
        guard files.isFolder(folder) else {
            do { try files.rename(staging, to: folder) } catch { throw .cannotReplace(path: folder, failure: error) }
            return
        }
        if files.exchange(staging, folder) {
            files.removeTree(staging)
            return
        }
        // No atomic swap: move the old folder aside, the new one in, then drop the old one.
        let (parent, name) = ReportPublisher.split(folder)
        let aside = POSIXFileOperations.temporaryPath(in: parent, name: name + ".old")
        do { try files.rename(folder, to: aside) } catch { throw .cannotReplace(path: folder, failure: error) }
        do {
            try files.rename(staging, to: folder)
        } catch {
            do { try files.rename(aside, to: folder) } catch {}
            throw .cannotReplace(path: folder, failure: error)
        }
        files.removeTree(aside)
    }

    /// Every period folder of the archive holding an `index.html`, newest first.
    func readEntries(_ layout: ArchiveLayout) throws(PublishingError) -> [ArchiveEntry] {
        let names: [String]
        do { names = try files.folderEntries(layout.root) } catch { throw .cannotRead(path: layout.root, failure: error) }
        var entries: [ArchiveEntry] = []
        for name in names where Self.isPeriodLabel(name) {
            let report = layout.reportPath(name)
            guard files.isFolder(layout.periodFolder(name)), files.fileExists(report), !files.isSymbolicLink(report) else {
                continue
            }
            let metrics: Result<ReportHeadline, JSONReader.Failure>
            do {
                let bytes = try files.readFile(layout.metricsPath(name))
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
