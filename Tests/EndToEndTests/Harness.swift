import Foundation
import Synchronization
@testable import RetentionCLI
import Sample
import Model

/// Runs the command line as a user would, capturing standard output and error.
final class CapturedConsole: Sendable {
    private let outText = Mutex("")
    private let errText = Mutex("")

    var out: String { outText.withLock { $0 } }
    var err: String { errText.withLock { $0 } }

    var console: Console {
        Console(out: { text in self.outText.withLock { $0 += text } },
                err: { text in self.errText.withLock { $0 += text } },
                showsProgress: false)
    }
}

enum Harness {
    /// The repository root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let templates: () = {
        setenv("RETENTION_TEMPLATES", root + "/Templates", 1)
    }()

    /// A fresh temporary folder for one test.
    static func temporaryDirectory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "retention-e2e-\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The clock every end-to-end run sees unless a test gives its own: 2026-11-27 12:00 UTC,
    /// a week after the sample data's last day, so no run depends on the machine's clock.
    static let fixedNow = Instant(secondsSince1970: Int64(Day(iso: "2026-11-27")!.ordinal) * 86_400 + 43_200)

    static func run(_ arguments: [String], now: Instant = fixedNow) -> (status: ExitStatus, out: String, err: String) {
        _ = templates
        let captured = CapturedConsole()
        let status = RetentionCommandLine.run(arguments, console: captured.console, clock: { now })
        return (status, captured.out, captured.err)
    }

    /// A sample export set of `customers` customers (default seed, messy rows included).
    static func sample(_ name: String, customers: Int = 300, invoices: Bool = false) throws -> String {
        let directory = temporaryDirectory(name)
        var options = SampleOptions()
        options.customers = customers
        options.invoices = invoices
        _ = try SampleExport.write(to: directory, options: options)
        return directory
    }

    /// Standard error without the input warnings (the sample's messy rows always add some).
    static func errors(_ err: String) -> String {
        err.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains(": warning: ") && !$0.contains(": note: ") }.joined(separator: "\n")
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
