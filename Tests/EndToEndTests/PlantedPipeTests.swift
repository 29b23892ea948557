import Foundation
import Testing
@testable import RetentionCLI

/// A pipe planted in the archive (an older week's metrics.json) or given as --config never
/// blocks the run: it is refused with a message.
@Suite struct PlantedPipeTests {
    @Test(.timeLimit(.minutes(1)))
    func aPipeInTheArchiveOrAsTheConfigIsRefused() throws {
        let input = Harness.temporaryDirectory("pipe-input")
        Harness.write("Customer ID,Created Date\nC1,2026-01-05\nC2,2026-11-10\n", to: input + "/customers.csv")
        let archive = Harness.temporaryDirectory("pipe-archive")
        try FileManager.default.createDirectory(atPath: archive + "/2026-W40", withIntermediateDirectories: true)
        #expect(mkfifo(archive + "/2026-W40/metrics.json", 0o600) == 0)
        let out = Harness.temporaryDirectory("pipe-out") + "/r.html"
        let run = Harness.run(["report", "--input", input, "--out", out, "--as-of", "2026-11-10", "--publish", archive])
        #expect(run.status == .inputError)
        // With --input the file's recognition is noted first.
        #expect(run.err == "\(input)/customers.csv: note: read as customers (generic customers): 2 rows, 2 used\n"
            + "\(archive)/2026-W40/metrics.json: error: it is a named pipe (FIFO), not a regular file\n")
        let config = Harness.temporaryDirectory("pipe-config") + "/retention.json"
        #expect(mkfifo(config, 0o600) == 0)
        let configured = Harness.run(["report", "--input", input, "--out", out, "--config", config])
        #expect(configured.status == .inputError)
        #expect(configured.err == "\(config): error: it is a named pipe (FIFO), not a regular file\n")
    }
}
