import Validation

/// Why a report could not be published. Every case names the path involved, and in every case
/// the previously published file at the destination is left exactly as it was.
public enum PublishingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The temporary file beside `destination` could not be created or written (disk full,
    /// permissions…). It has been removed.
    case cannotWrite(path: String, failure: SystemFailure)
    /// The finished temporary file could not be renamed over `destination`.
    case cannotReplace(path: String, failure: SystemFailure)
    /// A folder of the archive could not be created.
    case cannotCreateFolder(path: String, failure: SystemFailure)
    /// A file or folder of the archive could not be read.
    case cannotRead(path: String, failure: SystemFailure)
    /// The rendered report failed validation. It was kept at `keptAt` (`<name>.invalid.html`
    /// beside the destination) and `findings` are located in that file.
    case invalidReport(destination: String, keptAt: String, findings: [ValidationFinding])
    /// The metrics JSON does not follow the archive contract (see ``ReportArchive``).
    case invalidMetrics(path: String, reason: String)
    /// The period label cannot be used as a folder name.
    case invalidPeriodLabel(String)
    /// A path publishing would replace is a symbolic link (someone may be redirecting the write).
    case symbolicLink(path: String)
    /// A period's path in the archive exists but is not a folder.
    case notAFolder(path: String)
    /// The archive's lock file could not be opened or locked.
    case cannotLock(path: String, failure: SystemFailure)

    public var description: String {
        let unchanged = "the previous report is unchanged"
        switch self {
        case .cannotWrite(let path, let failure):
            return "\(path): error: cannot write: \(failure); \(unchanged)"
        case .cannotReplace(let path, let failure):
            return "\(path): error: cannot replace the file: \(failure); \(unchanged)"
        case .cannotCreateFolder(let path, let failure):
            return "\(path): error: cannot create the folder: \(failure)"
        case .cannotRead(let path, let failure):
            return "\(path): error: cannot read: \(failure)"
        case .invalidReport(let destination, let keptAt, let findings):
            let count = findings.count == 1 ? "1 problem" : "\(findings.count) problems"
            var text = "\(destination): error: the rendered report has \(count) and was not published; "
                + "\(unchanged); the rejected render is kept at \(keptAt)"
            for finding in findings { text += "\n" + finding.description }
            return text
        case .invalidMetrics(let path, let reason):
            return "\(path): error: \(reason)"
        case .symbolicLink(let path):
            return "\(path): error: is a symbolic link; refusing to publish through it (remove the link); \(unchanged)"
        case .notAFolder(let path):
            return "\(path): error: exists but is not a folder; move it away and publish again; \(unchanged)"
        case .cannotLock(let path, let failure):
            return "\(path): error: cannot lock the archive: \(failure); \(unchanged)"
        case .invalidPeriodLabel(let label):
            return "error: period label \"\(label)\" cannot name a folder; use letters, digits, '-', '_' or '.' (e.g. 2026-W47)"
        }
    }
}
