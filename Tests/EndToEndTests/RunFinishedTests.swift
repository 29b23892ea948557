import Foundation
import Synchronization
import Testing
@testable import RetentionCLI

/// `retention report` calls `finished` (where the executable exits) once its outputs are in
/// place and its path printed, and only on success.
@Suite struct RunFinishedTests {
    /// What `finished` saw: its status, standard output so far and the output folder's names.
    final class Seen: Sendable {
        let calls = Mutex<[(RetentionCLI.ExitStatus, String, [String])]>([])
    }

    static func run(_ arguments: [String], out: String, seen: Seen) -> (status: RetentionCLI.ExitStatus, out: String) {
        _ = Harness.templates
        let captured = CapturedConsole()
        let status = RetentionCommandLine.run(arguments, console: captured.console, clock: { Harness.fixedNow },
                                              finished: { status in
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).sorted()
            seen.calls.withLock { $0.append((status, captured.out, names)) }
        })
        return (status, captured.out)
    }

    @Test func aSuccessfulReportFinishesAfterItsOutputsAndItsPath() throws {
        let input = try Harness.sample("finished", customers: 60)
        let out = Harness.temporaryDirectory("finished-out")
        let seen = Seen()
        let run = Self.run(SideFileWriteTests.arguments(input, out), out: out, seen: seen)
        #expect(run.status == .success)
        let calls = seen.calls.withLock { $0 }
        #expect(calls.count == 1)
        #expect(calls.first?.0 == .success)
        #expect(calls.first?.1 == out + "/r.html\n")
        // All three outputs in place, no temporary file left.
        #expect(calls.first?.2 == ["c.csv", "m.json", "r.html"])
    }

    @Test func aFailedReportDoesNotFinish() throws {
        let input = try Harness.sample("finished-invalid", customers: 60)
        let out = Harness.temporaryDirectory("finished-invalid-out")
        let templates = Harness.temporaryDirectory("finished-invalid-templates")
        Harness.write("<footer><script>track()</script></footer>\n", to: templates + "/footer.mustache")
        let seen = Seen()
        let run = Self.run(SideFileWriteTests.arguments(input, out) + ["--templates", templates], out: out, seen: seen)
        #expect(run.status == .invalidReport)
        #expect(run.out == "")
        #expect(seen.calls.withLock { $0.count } == 0)
    }
}
