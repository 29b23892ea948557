#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Validation
@testable import Publishing

/// Issue 13, items 1 and 3: planted links and concurrent publishes.
@Suite struct HostileFileSystemTests {
    func metrics(_ title: String, asOf: String) -> [UInt8] {
        Array("{\"title\": \"\(title)\", \"as_of\": \"\(asOf)\", \"headline\": {\"Runs\": \"\(title)\"}}".utf8)
    }

    func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    @Test func aLinkPlantedAtTheOldTemporaryNameIsNeverWrittenThrough() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("victim.txt", "precious")
        // Before: open(O_CREAT|O_TRUNC) on ".report.html.partial" followed this link, replaced
        // victim.txt with the report, and rename() made report.html a link to the victim.
        for name in [".report.html.partial", ".metrics.json.partial"] {
            try FileManager.default.createSymbolicLink(atPath: folder.file(name), withDestinationPath: folder.file("victim.txt"))
        }
        try ReportPublisher().publish(report: Array(validReport("W47").utf8), to: folder.file("report.html"))
        try ReportPublisher().publish(data: Array("{}".utf8), to: folder.file("metrics.json"))

        #expect(folder.read("victim.txt") == "precious")
        #expect(isRegularFile(folder.file("report.html")) && isRegularFile(folder.file("metrics.json")))
        #expect(folder.read("report.html") == validReport("W47"))
        #expect(folder.names() == [".metrics.json.partial", ".report.html.partial", "metrics.json", "report.html", "victim.txt"])
    }

    @Test func temporaryFilesHaveFreshRandomNamesAndUsualPermissions() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let files = POSIXFileOperations()
        let first = try files.writeTemporaryFile(in: folder.path, name: "report.html", [1])
        let second = try files.writeTemporaryFile(in: folder.path, name: "report.html", [2])
        #expect(first != second)
        // ".report.html." + 16 hex digits + ".partial", in the destination's folder.
        for path in [first, second] {
            let name = String(path.dropFirst(folder.path.count + 1))
            #expect(name.hasPrefix(".report.html.") && name.hasSuffix(".partial") && name.utf8.count == 13 + 16 + 8)
            var info = stat()
            #expect(lstat(path, &info) == 0)
            let umaskNow = umask(0o022)
            umask(umaskNow)
            #expect(info.st_mode & 0o777 == 0o644 & ~umaskNow)
        }
    }

    @Test func aPeriodFolderThatIsALinkIsRefused() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let elsewhere = ScratchFolder()
        defer { elsewhere.remove() }
        elsewhere.write("index.html", "someone else's page")
        try FileManager.default.createSymbolicLink(atPath: folder.file("2026-W47"), withDestinationPath: elsewhere.path)

        #expect(throws: PublishingError.symbolicLink(path: folder.file("2026-W47"))) {
            try ReportArchive().publish(report: Array(validReport("W47").utf8), metricsJSON: metrics("A", asOf: "2026-11-22"),
                                        periodLabel: "2026-W47", into: folder.path)
        }
        #expect(elsewhere.read("index.html") == "someone else's page")
        #expect(elsewhere.names() == ["index.html"])
        #expect("\(PublishingError.symbolicLink(path: "a/2026-W47"))"
            == "a/2026-W47: error: is a symbolic link; refusing to publish through it (remove the link); the previous report is unchanged")
    }

    @Test func anArchiveIndexThatIsALinkIsRefused() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("victim.html", "victim")
        try FileManager.default.createSymbolicLink(atPath: folder.file("index.html"), withDestinationPath: folder.file("victim.html"))
        #expect(throws: PublishingError.symbolicLink(path: folder.file("index.html"))) {
            try ReportArchive().publish(report: Array(validReport("W47").utf8), metricsJSON: metrics("A", asOf: "2026-11-22"),
                                        periodLabel: "2026-W47", into: folder.path)
        }
        #expect(folder.read("victim.html") == "victim")
        #expect(!folder.exists("2026-W47"))
    }

    @Test func republishingAPeriodReplacesItAsOneUnitAndLeavesNoTemporaryFolder() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let archive = ReportArchive()
        try archive.publish(report: Array(validReport("first").utf8), metricsJSON: metrics("first", asOf: "2026-11-22"),
                            periodLabel: "2026-W47", into: folder.path)
        folder.write("2026-W47/stale.txt", "from an older layout")
        try archive.publish(report: Array(validReport("second").utf8), metricsJSON: metrics("second", asOf: "2026-11-22"),
                            periodLabel: "2026-W47", into: folder.path)
        #expect(folder.names() == [".retention.lock", "2026-W47", "index.html"])
        #expect(folder.names(in: "2026-W47") == ["index.html", "metrics.json"])
        #expect(folder.read("2026-W47/index.html") == validReport("second"))
        #expect(folder.read("2026-W47/metrics.json")?.contains("\"second\"") == true)
    }

    @Test func temporaryFoldersLeftByAnInterruptedPublishAreRemovedUnderTheLock() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file(".2026-W47.00000000deadbeef.partial"), withIntermediateDirectories: false)
        folder.write(".2026-W47.00000000deadbeef.partial/index.html", "half")
        folder.write(".index.html.00000000deadbeef.partial", "half")
        folder.write(".hidden-but-not-ours", "kept")
        try ReportArchive().publish(report: Array(validReport("W47").utf8), metricsJSON: metrics("A", asOf: "2026-11-22"),
                                    periodLabel: "2026-W47", into: folder.path)
        #expect(folder.names() == [".hidden-but-not-ours", ".retention.lock", "2026-W47", "index.html"])
    }

    /// Twelve publishes at once (four weeks, three runs each) into one archive: before the lock
    /// and the one-unit week, runs failed with wrong messages or mixed two runs' files.
    @Test func concurrentPublishesNeitherFailNorMixTheirFiles() async throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        let path = folder.path
        let weeks = ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
        let failures = await withTaskGroup(of: String?.self) { group in
            for run in 0..<12 {
                group.addTask {
                    let week = weeks[run % 4]
                    let day = ["2026-11-01", "2026-11-08", "2026-11-15", "2026-11-22"][run % 4]
                    let title = "run-\(run)"
                    do {
                        try ReportArchive().publish(report: Array(validReport(title).utf8),
                                                    metricsJSON: Array("{\"title\": \"\(title)\", \"as_of\": \"\(day)\", \"headline\": {\"Runs\": \"\(title)\"}}".utf8),
                                                    periodLabel: week, into: path)
                        return nil
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var failures: [String] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
        #expect(failures == [])
        #expect(folder.names() == [".retention.lock"] + weeks + ["index.html"])
        for week in weeks {
            #expect(folder.names(in: week) == ["index.html", "metrics.json"])
            // The report and the metrics of a week come from the same run.
            let report = folder.read(week + "/index.html") ?? ""
            let title = report.components(separatedBy: "<h1>").last?.components(separatedBy: "</h1>").first ?? "?"
            #expect(folder.read(week + "/metrics.json")?.contains("\"title\": \"\(title)\"") == true, "\(week): \(title)")
        }
        #expect(ReportValidator().validate(fileAt: folder.file("index.html")) == [])
    }
}
