import Synchronization

/// The folders whose renames a run has made and not yet made durable: a run that puts several
/// files in place (the report, the metrics JSON, the customers CSV) renames each one in turn and
/// then syncs each folder once (``syncAll()``), instead of syncing the folder after every rename
/// (each sync is a journal commit: at 100 k orders three of them took 8-12 ms at the end of the run).
///
/// Deferring the sync changes no published byte and none of the publish guarantees: every file
/// is complete and flushed to disk before it is renamed into place, a report is renamed only
/// once it passed validation, and the renames still happen one after the other in the run's
/// order. Only the moment the renames are durable moves, to the end of the run, before it
/// reports success.
public final class FolderSyncs: Sendable {
    private let pending = Mutex<[String]>([])
    private let files: any FileOperations

    public convenience init() {
        self.init(files: POSIXFileOperations())
    }

    init(files: any FileOperations) {
        self.files = files
    }

    /// The folders not yet synced, each once, in the order of their first rename.
    public var folders: [String] { pending.withLock { $0 } }

    /// Records that a file was renamed into `folder` (the folder part of its path, `""` for the
    /// working folder).
    func renamed(into folder: String) {
        pending.withLock { folders in
            if !folders.contains(folder) { folders.append(folder) }
        }
    }

    /// Syncs every folder recorded since the last call, each once; a failure does not undo a
    /// rename, so it is not reported (as for a rename that syncs its folder at once).
    public func syncAll() {
        let folders = pending.withLock { folders in
            defer { folders = [] }
            return folders
        }
        for folder in folders { files.syncFolder(folder.isEmpty ? "." : folder) }
    }
}
