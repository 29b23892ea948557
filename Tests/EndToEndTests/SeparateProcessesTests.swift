import Foundation
import Testing

/// Byte-identical output across separate processes: each process hashes with its own random
/// seed, so any output that followed a dictionary's order would differ here.
@Suite struct SeparateProcessesTests {
    /// The `retention` executable beside the test bundle (both are built by `swift build --build-tests`).
    static let executable: String? = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("retention").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    @Test(.enabled(if: executable != nil, "the retention executable is not beside the test bundle"))
    func twoProcessesWriteTheSameBytes() throws {
        let input = try Harness.sample("processes")
        let out = Harness.temporaryDirectory("processes-out")
        for name in ["a", "b"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.executable!)
            process.arguments = ["report", "--input", input, "--out", "\(out)/\(name).html", "--as-of", "2026-11-20",
                                 "--metrics-json", "\(out)/\(name).json", "--dump-context", "\(out)/\(name).context.json"]
            process.environment = ["RETENTION_TEMPLATES": Harness.root + "/Templates"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        for suffix in [".html", ".json", ".context.json"] {
            let a = Harness.read("\(out)/a\(suffix)"), b = Harness.read("\(out)/b\(suffix)")
            #expect(!a.isEmpty)
            #expect(a == b, "\(suffix) differs between processes")
        }
    }
}
