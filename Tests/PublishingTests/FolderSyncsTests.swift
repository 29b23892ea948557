import Foundation
import Synchronization
import Testing
import Validation
@testable import Publishing

/// Real file operations that record the renames and folder syncs they make.
final class RecordingFileOperations: ForwardingFileOperations, Sendable {
    let real = POSIXFileOperations()
    private let log = Mutex<[String]>([])

    var calls: [String] { log.withLock { $0 } }

    private func record(_ call: String) { log.withLock { $0.append(call) } }

    func rename(_ source: String, to destination: String) throws(SystemFailure) {
        record("rename+sync " + (destination as NSString).lastPathComponent)
        try real.rename(source, to: destination)
    }

    func renameLeavingFolderUnsynced(_ source: String, to destination: String) throws(SystemFailure) {
        record("rename " + (destination as NSString).lastPathComponent)
        try real.renameLeavingFolderUnsynced(source, to: destination)
    }

    func syncFolder(_ folder: String) {
        record("sync " + folder)
        real.syncFolder(folder)
    }
}

@Suite struct FolderSyncsTests {
    /// Three files put in place with one `FolderSyncs`: each is renamed without a sync, in order,
    /// and the folder is synced once, by `syncAll()`, after the last rename.
    @Test func threeFilesInOneFolderAreSyncedOnce() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("report.html", "old report")
        let files = RecordingFileOperations()
        let syncs = FolderSyncs(files: files)
        let publisher = ReportPublisher(validator: ReportValidator(), files: files, folderSyncs: syncs)

        try publisher.publish(report: Array(validReport("Week 48").utf8), to: folder.file("report.html"))
        try publisher.publish(data: Array("{\"k\": 1}\n".utf8), to: folder.file("metrics.json"))
        let staged = try publisher.stage(to: folder.file("customers.csv")) { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
            try write(Array("id\n".utf8))
            try write(Array("c1\n".utf8))
        }
        try publisher.commit(staged)

        #expect(files.calls == ["rename report.html", "rename metrics.json", "rename customers.csv"])
        #expect(syncs.folders == [folder.path + "/"])
        #expect(folder.read("report.html") == validReport("Week 48"))
        #expect(folder.read("metrics.json") == "{\"k\": 1}\n")
        #expect(folder.read("customers.csv") == "id\nc1\n")
        #expect(folder.names() == ["customers.csv", "metrics.json", "report.html"])

        syncs.syncAll()
        #expect(files.calls.suffix(1) == ["sync " + folder.path + "/"])
        #expect(syncs.folders == [])
        // A second call has nothing left to sync.
        syncs.syncAll()
        #expect(files.calls.count == 4)
    }

    /// Files in two folders (and one in the working folder): each folder once, in the order of
    /// its first rename; the working folder is synced as ".".
    @Test func eachFolderOnceInTheOrderOfItsFirstRename() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("b"), withIntermediateDirectories: true)
        let files = RecordingFileOperations()
        let syncs = FolderSyncs(files: files)
        let publisher = ReportPublisher(validator: ReportValidator(), files: files, folderSyncs: syncs)
        try publisher.publish(data: Array("1".utf8), to: folder.file("b/one.json"))
        try publisher.publish(data: Array("2".utf8), to: folder.file("two.json"))
        try publisher.publish(data: Array("3".utf8), to: folder.file("b/three.json"))
        #expect(syncs.folders == [folder.path + "/b/", folder.path + "/"])

        syncs.renamed(into: "")
        syncs.syncAll()
        #expect(files.calls == ["rename one.json", "rename two.json", "rename three.json",
                                "sync \(folder.path)/b/", "sync \(folder.path)/", "sync ."])
        #expect(folder.read("b/one.json") == "1" && folder.read("two.json") == "2" && folder.read("b/three.json") == "3")
    }

    /// Without `FolderSyncs` every rename syncs its folder at once, as before.
    @Test func withoutFolderSyncsEachRenameSyncs() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let files = RecordingFileOperations()
        let publisher = ReportPublisher(validator: ReportValidator(), files: files)
        try publisher.publish(report: Array(validReport("Week 49").utf8), to: folder.file("report.html"))
        try publisher.publish(data: Array("{}".utf8), to: folder.file("metrics.json"))
        #expect(files.calls == ["rename+sync report.html", "rename+sync metrics.json"])
    }

    /// A report that fails validation is kept beside its destination and nothing is left for
    /// the folder syncs: the previous report stays, as without them.
    @Test func anInvalidReportIsKeptAndRecordsNoFolder() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("report.html", "old report")
        let files = RecordingFileOperations()
        let syncs = FolderSyncs(files: files)
        let publisher = ReportPublisher(validator: ReportValidator(), files: files, folderSyncs: syncs)
        #expect(throws: PublishingError.self) {
            try publisher.publish(report: Array(validReport("<script>x()</script>").utf8), to: folder.file("report.html"))
        }
        #expect(folder.read("report.html") == "old report")
        #expect(folder.names() == ["report.html", "report.invalid.html"])
        #expect(files.calls == ["rename+sync report.invalid.html"])
        #expect(syncs.folders == [])
    }
}
