import Foundation
import Testing

/// `DecimalPowers.swift` is what `scripts/generate-decimal-powers.py` writes (exact integer
/// arithmetic in Python): the script is run into a temporary file and the bytes compared, so a
/// hand edit of the table or a change of the script not carried into the table fails here.
@Suite struct DecimalPowersTests {
    @Test func theTableIsTheGeneratorsOutput() throws {
        // #filePath is <repo>/Tests/MustacheTests/DecimalPowersTests.swift.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else {
            print("DecimalPowersTests: skipped, no python3 to run scripts/generate-decimal-powers.py")
            return
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("decimal-powers-\(getpid()).swift")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [root.appendingPathComponent("scripts/generate-decimal-powers.py").path, out.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let generated = try Data(contentsOf: out)
        let checkedIn = try Data(contentsOf: root.appendingPathComponent("Sources/Mustache/DecimalPowers.swift"))
        #expect(generated.count == checkedIn.count && generated == checkedIn, "regenerate with scripts/generate-decimal-powers.py")
    }
}
