import Foundation
import Publishing
import Synchronization
import Testing
@testable import RetentionCLI

/// The metrics JSON and the customers CSV are written on another core while the report is
/// rendered and validated, and put in place after it in a fixed order: what a run leaves, its
/// message and its exit status are those of writing the three files one after the other, and no
/// run leaves half a file or a temporary file behind.
@Suite struct SideFileWriteTests {
    /// The run's three outputs in `out`.
    static func arguments(_ input: String, _ out: String, metrics: String? = nil, csv: String? = nil) -> [String] {
        ["report", "--input", input, "--out", out + "/r.html", "--as-of", "2026-11-20",
         "--metrics-json", metrics ?? out + "/m.json", "--customers-csv", csv ?? out + "/c.csv"]
    }

    /// Every name in `folder`, temporary files (`.name.<random>.partial`) included.
    static func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// The message of a write into `file/…` where `file` is a regular file (ENOTDIR at the open).
    static func notAFolder(_ folder: String, _ name: String) -> String {
        "\(folder)/.\(name).partial: error: cannot write: Not a directory (part of the path is a file, not a folder; "
            + "choose another output folder); the previous report is unchanged\n"
    }

    @Test func anInvalidRenderLeavesTheEarlierSideFilesAndNoTemporaryFile() throws {
        let input = try Harness.sample("side-invalid", customers: 60)
        let out = Harness.temporaryDirectory("side-invalid-out")
        let good = Harness.run(Self.arguments(input, out))
        #expect(good.status == .success, "\(good.err)")
        let before = try ["r.html", "m.json", "c.csv"].map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) }

        // A footer with a script fails validation; the side files were being written meanwhile.
        let templates = Harness.temporaryDirectory("side-invalid-templates")
        Harness.write("<footer><script>track()</script></footer>\n", to: templates + "/footer.mustache")
        let bad = Harness.run(Self.arguments(input, out) + ["--templates", templates])
        #expect(bad.status == .invalidReport)
        #expect(bad.out == "")
        #expect(Harness.errors(bad.err).hasPrefix("\(out)/r.html: error: the rendered report has 1 problem and was not published; "))
        #expect(Self.names(out) == ["c.csv", "m.json", "r.html", "r.invalid.html"])
        #expect(try ["r.html", "m.json", "c.csv"].map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) } == before)
    }

    @Test func aTemplateErrorWritesNoSideFile() throws {
        let input = try Harness.sample("side-template", customers: 60)
        let out = Harness.temporaryDirectory("side-template-out")
        let templates = Harness.temporaryDirectory("side-template-templates")
        Harness.write("<footer>\n{{#report}}\n</footer>\n", to: templates + "/footer.mustache")
        let run = Harness.run(Self.arguments(input, out) + ["--templates", templates])
        #expect(run.status == .templateError)
        #expect(Self.names(out) == [])
    }

    /// The report is published, then the failing side file is reported and nothing after it in
    /// the order of the outputs (metrics JSON, then customers CSV) is put in place.
    @Test(arguments: [("m.json", ["file", "r.html"]), ("c.csv", ["file", "m.json", "r.html"])])
    func aFailedSideFileIsReportedAfterTheReport(failing: String, left: [String]) throws {
        let input = try Harness.sample("side-\(failing)", customers: 60)
        let out = Harness.temporaryDirectory("side-\(failing)-out")
        Harness.write("a file", to: out + "/file")
        let broken = out + "/file/" + failing
        let run = Harness.run(Self.arguments(input, out, metrics: failing == "m.json" ? broken : nil,
                                             csv: failing == "c.csv" ? broken : nil))
        #expect(run.status == .outputError)
        #expect(Harness.errors(run.err) == Self.notAFolder(out + "/file", failing))
        #expect(Self.names(out) == left)
        if left.contains("m.json") { #expect(Harness.read(out + "/m.json").hasPrefix("{\n  \"as_of\": \"2026-11-20\",\n")) }
    }

    /// Both side files fail, whichever finishes first: the message is always the metrics JSON's
    /// (the first in the order of the outputs), and only once.
    @Test func whenBothFailTheFirstInOutputOrderIsReported() throws {
        let input = try Harness.sample("side-both", customers: 60)
        let out = Harness.temporaryDirectory("side-both-out")
        Harness.write("a file", to: out + "/file")
        for _ in 0..<3 {
            let run = Harness.run(Self.arguments(input, out, metrics: out + "/file/m.json", csv: out + "/file/c.csv"))
            #expect(run.status == .outputError)
            #expect(Harness.errors(run.err) == Self.notAFolder(out + "/file", "m.json"))
            #expect(Self.names(out) == ["file", "r.html"])
        }
    }
}

/// ``StagedWrite`` on its own: a discard while the producer is still writing stops it and leaves
/// nothing; a failed producer is an output error naming the temporary file.
@Suite struct StagedWriteTests {
    @Test func discardStopsAWriteInProgressAndRemovesItsTemporaryFile() throws {
        let out = Harness.temporaryDirectory("staged-discard")
        let started = DispatchSemaphore(value: 0)
        let pieces = Counter()
        let write = StagedWrite(path: out + "/big.csv") { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
            // Endless unless stopped: only the discard ends it.
            while true {
                try write([UInt8](repeating: UInt8(ascii: "x"), count: 1024))
                if pieces.increment() == 1 { started.signal() }
            }
        }
        started.wait()
        #expect(SideFileWriteTests.names(out).count == 1, "the temporary file exists while writing")
        write.discard()
        #expect(SideFileWriteTests.names(out) == [])
        // Committing after a discard does nothing (the run's defer discards what was committed too).
        try write.commit()
        #expect(SideFileWriteTests.names(out) == [])
    }

    @Test func aFailedProducerIsAnOutputErrorAndLeavesNothing() throws {
        let out = Harness.temporaryDirectory("staged-fail")
        let write = StagedWrite(path: out + "/m.json") { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
            try write(Array("{".utf8))
            throw SystemFailure(code: ENOSPC)
        }
        do {
            try write.commit()
            Issue.record("no error")
        } catch let failure as CommandFailure {
            #expect(failure.status == .outputError)
            #expect(failure.message == "\(out)/.m.json.partial: error: cannot write: No space left on device "
                + "(free some disk space (or quota) on that volume and run again); the previous report is unchanged")
        }
        #expect(SideFileWriteTests.names(out) == [])
        write.discard()
    }

    @Test func aCommittedFileIsNotRemovedByALaterDiscard() throws {
        let out = Harness.temporaryDirectory("staged-commit")
        let write = StagedWrite(path: out + "/c.csv") { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
            try write(Array("a\n".utf8))
            try write(Array("b\n".utf8))
        }
        try write.commit()
        write.discard()
        #expect(SideFileWriteTests.names(out) == ["c.csv"])
        #expect(Harness.read(out + "/c.csv") == "a\nb\n")
    }
}

/// A count shared between threads.
final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
