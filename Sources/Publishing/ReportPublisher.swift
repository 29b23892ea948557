import BackgroundWork
import Dispatch
import FileAccess
import Validation

/// Publishes a file so that readers only ever see a complete, validated version:
/// the bytes go to a new temporary file in the destination's folder (`.<name>.<random>.partial`,
/// on the same file system, created exclusively and never through a symbolic link), HTML is validated with ``ReportValidator`` as read back from disk, and only
/// then is the temporary file renamed over the destination (`rename(2)` is atomic).
///
/// On any failure the previous destination file is left byte-identical:
/// - write failure (disk full, permissions…): the temporary file is removed and
///   ``PublishingError/cannotWrite(path:failure:)`` names it;
/// - validation failure: the render is kept as `<name>.invalid.html` beside the destination
///   (`report.html` → `report.invalid.html`) and ``PublishingError/invalidReport(destination:keptAt:findings:)``
///   lists the findings, located in that kept file.
/// After a successful publish a stale `<name>.invalid.html` from an earlier failure is removed.
public struct ReportPublisher: Sendable {
    let validator: ReportValidator
    let files: any FileOperations
    /// When set, a file put in place leaves its folder to be synced by `folderSyncs`
    /// (``FolderSyncs/syncAll()``) instead of syncing it at once.
    let folderSyncs: FolderSyncs?

    /// - Parameter folderSyncs: where the folders of the files this publisher puts in place are
    ///   recorded, to be synced once at the end of the run; nil (the default) syncs each folder
    ///   right after its rename.
    public init(validator: ReportValidator = ReportValidator(), folderSyncs: FolderSyncs? = nil) {
        self.init(validator: validator, files: POSIXFileOperations(), folderSyncs: folderSyncs)
    }

    init(validator: ReportValidator, files: any FileOperations, folderSyncs: FolderSyncs? = nil) {
        self.validator = validator
        self.files = files
        self.folderSyncs = folderSyncs
    }

    /// Validates and atomically publishes the HTML `report` at `destination`.
    ///
    /// The bytes are validated while they are written and flushed to disk (the flush waits for
    /// the disk, the validation for the processor). The file is then read back: when it holds
    /// exactly the validated bytes their findings are the file's; otherwise (or when it cannot be
    /// read) the file itself is validated, as read back from disk.
    public func publish(report: [UInt8], to destination: String) throws(PublishingError) {
        let rejected = Self.invalidPath(for: destination)
        // The write on a thread of its own (a queue of its own: the validation here runs its two
        // parsers side by side with `concurrentPerform`), the validation here.
        let written = BackgroundResult(on: DispatchQueue(label: "retention.publishing.write")) {
            Result { () throws(PublishingError) -> String in try writePartial(report, besides: destination) }
        }
        let findingsOfBytes = validator.validate(html: report, path: rejected)
        let partial = try written.wait().get()
        let readBack = try? RegularFile.read(partial)
        let findings = readBack == report ? findingsOfBytes : validator.validate(fileAt: partial).map {
            ValidationFinding(path: rejected, line: $0.line, column: $0.column, rule: $0.rule, message: $0.message)
        }
        if !findings.isEmpty {
            do {
                try files.rename(partial, to: rejected)
            } catch {
                files.removeFile(partial)
                throw .cannotWrite(path: rejected, failure: error)
            }
            throw .invalidReport(destination: destination, keptAt: rejected, findings: findings)
        }
        try replace(destination, with: partial)
        if files.fileExists(rejected) { files.removeFile(rejected) }
    }

    /// Atomically replaces `destination` with `bytes`, without validation (for `metrics.json`).
    public func publish(data bytes: [UInt8], to destination: String) throws(PublishingError) {
        let partial = try writePartial(bytes, besides: destination)
        try replace(destination, with: partial)
    }

    /// Atomically replaces `destination` with the bytes `produce` hands to its argument piece by
    /// piece, without validation and without holding the whole file (for large side files such
    /// as the customers CSV). The pieces go to the temporary file as they come.
    public func publish(to destination: String,
                        pieces produce: (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void)
        throws(PublishingError) {
        try commit(stage(to: destination, pieces: produce))
    }

    /// Writes the bytes `produce` hands over piece by piece to a new temporary file beside
    /// `destination` and leaves it there, fsynced, for ``commit(_:)`` or ``discard(_:)``. On
    /// failure the temporary file is removed and ``PublishingError/cannotWrite(path:failure:)``
    /// names it; `destination` is never touched.
    public func stage(to destination: String,
                      pieces produce: (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void)
        throws(PublishingError) -> StagedFile {
        let (folder, name) = Self.split(destination)
        do {
            return StagedFile(destination: destination,
                              partial: try files.writeTemporaryFile(in: folder, name: name, pieces: produce))
        } catch {
            throw .cannotWrite(path: folder + "." + name + ".partial", failure: error)
        }
    }

    /// Atomically replaces the staged file's destination with it; on failure the temporary file
    /// is removed and the destination left as it was.
    public func commit(_ staged: StagedFile) throws(PublishingError) {
        try replace(staged.destination, with: staged.partial)
    }

    /// Removes a staged file that will not be put in place.
    public func discard(_ staged: StagedFile) {
        files.removeFile(staged.partial)
    }

    /// A new temporary file with `bytes` in the destination's folder (see
    /// ``FileOperations/writeTemporaryFile(in:name:_:)``); on failure nothing is left behind.
    private func writePartial(_ bytes: [UInt8], besides destination: String) throws(PublishingError) -> String {
        let (folder, name) = Self.split(destination)
        do {
            return try files.writeTemporaryFile(in: folder, name: name, bytes)
        } catch {
            throw .cannotWrite(path: folder + "." + name + ".partial", failure: error)
        }
    }

    private func replace(_ destination: String, with partial: String) throws(PublishingError) {
        do {
            if let folderSyncs {
                try files.renameLeavingFolderUnsynced(partial, to: destination)
                folderSyncs.renamed(into: Self.split(destination).folder)
            } else {
                try files.rename(partial, to: destination)
            }
        } catch {
            files.removeFile(partial)
            throw .cannotReplace(path: destination, failure: error)
        }
    }

    /// `dir/name.invalid.html` for `dir/name.html` (or `dir/name.invalid.html` for `dir/name`).
    static func invalidPath(for destination: String) -> String {
        let (folder, name) = split(destination)
        let stem = name.hasSuffix(".html") ? String(name.dropLast(5)) : name
        return folder + stem + ".invalid.html"
    }

    /// Folder part (with its trailing `/`, or empty) and file name of a path.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }
}
