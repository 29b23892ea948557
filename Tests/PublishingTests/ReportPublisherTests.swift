#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Validation
@testable import Publishing

@Suite struct ReportPublisherTests {
    @Test func validReportReplacesThePreviousOne() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("report.html", "old report")
        folder.write("report.invalid.html", "stale rejected render")

        try ReportPublisher().publish(report: Array(validReport("Week 47").utf8), to: folder.file("report.html"))

        #expect(folder.read("report.html") == validReport("Week 47"))
        // No temporary file left, and the stale rejected render is gone.
        #expect(folder.names() == ["report.html"])
    }

    @Test func invalidReportLeavesThePreviousOneAndKeepsTheRender() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("report.html", "old report")
        let invalid = validReport("<img src=\"chart.png\" />")

        #expect {
            try ReportPublisher().publish(report: Array(invalid.utf8), to: folder.file("report.html"))
        } throws: { error in
            guard case PublishingError.invalidReport(let destination, let keptAt, let findings) = error else { return false }
            let kept = folder.file("report.invalid.html")
            // Line 8 is `<h1><img …`: the img starts at column 5, its src at column 10.
            return destination == folder.file("report.html") && keptAt == kept
                && findings.map(\.description) == [
                    "\(kept):8:5: error: [img-alt] <img> has no alt attribute; describe the image (alt=\"\" if decorative)",
                    "\(kept):8:10: error: [external-reference] src=\"chart.png\" on <img> refers to a resource outside the file; inline it or remove it",
                ]
                && "\(error)" == """
                    \(folder.file("report.html")): error: the rendered report has 2 problems and was not published; \
                    the previous report is unchanged; the rejected render is kept at \(kept)
                    \(findings[0])
                    \(findings[1])
                    """
        }
        #expect(folder.read("report.html") == "old report")
        #expect(folder.read("report.invalid.html") == invalid)
        #expect(folder.names() == ["report.html", "report.invalid.html"])
    }

    /// The bytes are validated while they are written; what counts is the file as read back:
    /// a file system that writes other bytes than it was given (here an `<img>` without `alt`
    /// in place of the heading) gets the findings of what it wrote, located in the kept file.
    @Test func theFileAsReadBackIsWhatIsValidated() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("report.html", "old report")
        let publisher = ReportPublisher(validator: ReportValidator(), files: AlteringFileOperations(
            replacing: "<h1>Week 47</h1>", with: "<h1><img src=\"data:image/png;base64,AA==\" /></h1>"))
        #expect {
            try publisher.publish(report: Array(validReport("Week 47").utf8), to: folder.file("report.html"))
        } throws: { error in
            guard case PublishingError.invalidReport(_, let keptAt, let findings) = error else { return false }
            return findings.map(\.description) == [
                "\(keptAt):8:5: error: [img-alt] <img> has no alt attribute; describe the image (alt=\"\" if decorative)",
            ]
        }
        #expect(folder.read("report.html") == "old report")
        #expect(folder.read("report.invalid.html")?.contains("<h1><img src=") == true)
    }

    @Test func diskFullLeavesThePreviousReportAndRemovesTheTemporaryFile() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("report.html", "old report")
        let publisher = ReportPublisher(validator: ReportValidator(), files: FailingFileOperations(writeFailure: ENOSPC))

        #expect {
            try publisher.publish(report: Array(validReport("Week 47").utf8), to: folder.file("report.html"))
        } throws: { error in
            "\(error)" == "\(folder.file(".report.html.partial")): error: cannot write: No space left on device "
                + "(free some disk space (or quota) on that volume and run again); the previous report is unchanged"
        }
        #expect(folder.read("report.html") == "old report")
        #expect(folder.names() == ["report.html"])
    }

    @Test func permissionDeniedNamesThePathAndLeavesThePreviousReport() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("report.html", "old report")
        let publisher = ReportPublisher(validator: ReportValidator(), files: FailingFileOperations(renameFailure: EACCES))

        #expect(throws: PublishingError.cannotReplace(path: folder.file("report.html"), failure: SystemFailure(code: EACCES))) {
            try publisher.publish(report: Array(validReport("Week 47").utf8), to: folder.file("report.html"))
        }
        #expect(SystemFailure(code: EACCES).description
            == "Permission denied (check that you may write to that folder, or choose another output folder)")
        #expect(folder.read("report.html") == "old report")
        #expect(folder.names() == ["report.html"])
    }

    @Test func unwritableDestinationFolderIsAnErrorWithThePath() {
        // Real system failures even for root: the "folder" is a regular file.
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("not-a-folder", "x")
        folder.write("report.html", "old report")
        let destination = folder.file("not-a-folder/report.html")

        #expect(throws: PublishingError.cannotWrite(path: folder.file("not-a-folder/.report.html.partial"),
                                                    failure: SystemFailure(code: ENOTDIR))) {
            try ReportPublisher().publish(report: Array(validReport("Week 47").utf8), to: destination)
        }
        #expect(folder.read("report.html") == "old report")
        #expect(folder.read("not-a-folder") == "x")
    }

    @Test func dataIsPublishedAtomicallyWithoutValidation() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("metrics.json", "{}")
        try ReportPublisher().publish(data: Array("{\"a\": 1}".utf8), to: folder.file("metrics.json"))
        #expect(folder.read("metrics.json") == "{\"a\": 1}")
        #expect(folder.names() == ["metrics.json"])
    }

    /// A staged file is complete on disk under its temporary name and nowhere else until it is
    /// committed; a discarded one leaves nothing; the destination is untouched until the rename.
    @Test func aStagedFileIsInvisibleUntilCommittedAndGoneWhenDiscarded() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        folder.write("customers.csv", "old")
        let publisher = ReportPublisher()
        let pieces = ["customer_id\n", "c1\n", "c2\n"]
        let produce = { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
            for piece in pieces { try write(Array(piece.utf8)) }
        }
        let staged = try publisher.stage(to: folder.file("customers.csv"), pieces: produce)
        #expect(staged.destination == folder.file("customers.csv"))
        #expect(folder.read("customers.csv") == "old")
        let temporary = try #require(folder.names().first { $0 != "customers.csv" })
        // `.customers.csv.` + 16 hex digits + `.partial`: 15 + 16 + 8 = 39 characters.
        #expect(temporary.hasPrefix(".customers.csv.") && temporary.hasSuffix(".partial") && temporary.count == 39)
        #expect(folder.read(temporary) == "customer_id\nc1\nc2\n")
        try publisher.commit(staged)
        #expect(folder.names() == ["customers.csv"])
        #expect(folder.read("customers.csv") == "customer_id\nc1\nc2\n")

        let dropped = try publisher.stage(to: folder.file("customers.csv"), pieces: produce)
        #expect(folder.names().count == 2)
        publisher.discard(dropped)
        #expect(folder.names() == ["customers.csv"])
        #expect(folder.read("customers.csv") == "customer_id\nc1\nc2\n")
    }

    /// A piece that fails stops the staging: the temporary file is removed and the error names it.
    @Test func aFailedPieceLeavesNothingStaged() {
        let folder = ScratchFolder()
        defer { folder.remove() }
        #expect(throws: PublishingError.cannotWrite(path: folder.path + "/.m.json.partial", failure: SystemFailure(code: ENOSPC))) {
            _ = try ReportPublisher().stage(to: folder.file("m.json")) { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
                try write(Array("{".utf8))
                throw SystemFailure(code: ENOSPC)
            }
        }
        #expect(folder.names() == [])
    }

    @Test func sideFileNames() {
        #expect(ReportPublisher.invalidPath(for: "out/r.html") == "out/r.invalid.html")
        #expect(ReportPublisher.invalidPath(for: "r") == "r.invalid.html")
    }
}
