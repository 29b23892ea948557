import Foundation
import Testing
@testable import RetentionCLI
import Validation

/// Issue 13 (writes, publishing, escaping, templates, mail) through the command line and,
/// where processes matter, through the built executable.
@Suite struct HardWriteTests {
    static var executable: String? { SeparateProcessesTests.executable }

    /// Runs the executable in `directory` with exactly `environment`.
    static func runBinary(_ arguments: [String], in directory: String, environment: [String: String] = [:])
        throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable!)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    // Item 2
    @Test func anOutputThatIsAnInputIsRefusedBeforeAnythingIsWritten() throws {
        let input = try Harness.sample("inout", customers: 40)
        let before = Harness.read(input + "/customers.csv")
        let run = Harness.run(["report", "--input", input, "--out", input + "/customers.csv", "--as-of", "2026-11-20"])
        #expect(run.status == .usage)
        #expect(Harness.errors(run.err) == "\(input)/customers.csv: error: --out is the same file as the input \(input)/customers.csv "
            + "(--customers); writing it would destroy the input; choose another output path\n")
        #expect(Harness.read(input + "/customers.csv") == before)
        // Another spelling of the same file (./, a link) is the same device and inode.
        try FileManager.default.createSymbolicLink(atPath: input + "/link.json", withDestinationPath: input + "/customers.csv")
        let viaLink = Harness.run(["report", "--input", input, "--out", input + "/r.html", "--metrics-json", input + "/./link.json",
                                   "--as-of", "2026-11-20"])
        #expect(viaLink.status == .usage)
        #expect(Harness.errors(viaLink.err).contains("--metrics-json is the same file as the input"))
        #expect(!FileManager.default.fileExists(atPath: input + "/r.html"), "refused before the first write")
        // Two outputs naming one file.
        let twice = Harness.run(["report", "--input", input, "--out", input + "/same.html", "--dump-context", input + "/same.html",
                                 "--as-of", "2026-11-20"])
        #expect(Harness.errors(twice.err) == "\(input)/same.html: error: --dump-context and --out name the same file; give each output its own path\n")
        // An archive whose period folder holds an input.
        let archive = Harness.temporaryDirectory("inout-archive")
        try FileManager.default.createDirectory(atPath: archive + "/2026-W47", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: input + "/customers.csv", toPath: archive + "/2026-W47/customers.csv")
        let inArchive = Harness.run(["report", "--customers", archive + "/2026-W47/customers.csv", "--out", archive + "/r.html",
                                     "--as-of", "2026-11-20", "--publish", archive])
        #expect(inArchive.status == .usage)
        #expect(Harness.errors(inArchive.err).hasPrefix("\(archive)/2026-W47: error: --publish replaces this folder, which holds the input"))
    }

    // Item 1 for the sample data: a link planted at an output name is not written through.
    @Test func sampleDataIsNeverWrittenThroughALink() throws {
        let out = Harness.temporaryDirectory("sample-link")
        Harness.write("precious", to: out + "/victim.txt")
        try FileManager.default.createSymbolicLink(atPath: out + "/customers.csv", withDestinationPath: out + "/victim.txt")
        let run = Harness.run(["sample", "--out", out, "--customers", "20"])
        #expect(run.status != .success)
        #expect(run.err.contains("\(out)/customers.csv"))
        #expect(Harness.read(out + "/victim.txt") == "precious")
    }

    // Items 4 and 22
    @Test func mailArgumentsAreCheckedFirstAndDisplayNamesAreAccepted() throws {
        let input = try Harness.sample("mailargs", customers: 40)
        let out = Harness.temporaryDirectory("mailargs-out")
        let archive = out + "/archive"
        let bad = Harness.run(["report", "--input", input, "--out", out + "/r.html", "--metrics-json", out + "/m.json",
                               "--publish", archive, "--eml", out + "/r.eml", "--from", "Reports <not an address>", "--to", "a@b.example"])
        #expect(bad.status == .usage)
        #expect(Harness.errors(bad.err) == "retention: error: --from: \"not an address\" is not a mail address "
            + "(expected name@example.com or Name <name@example.com>, ASCII address)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [], "nothing written before the check")

        let subject = (1...150).map { "word\($0)" }.joined(separator: " ")
        let good = Harness.run(["report", "--input", input, "--out", out + "/r.html", "--as-of", "2026-11-20",
                                "--eml", out + "/r.eml", "--from", "Reports <r@acme.example>",
                                "--to", "\"Ünal, CFO\" <cfo@acme.example>", "--to", "cs@acme.example", "--subject", subject])
        #expect(good.status == .success, "\(good.err)")
        let eml = Harness.read(out + "/r.eml")
        #expect(eml.contains("From: \"Reports\" <r@acme.example>\r\n"))
        // "Ünal, CFO" is not ASCII: one RFC 2047 encoded-word (base64 of its UTF-8 bytes).
        #expect(eml.contains("To: =?UTF-8?B?w5xuYWwsIENGTw==?= <cfo@acme.example>,\r\n cs@acme.example\r\n"))
        let lines = eml.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        // The long subject is folded before spaces; unfolding (removing CRLF) gives it back.
        let subjectStart = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        var unfolded = lines[subjectStart]
        var next = subjectStart + 1
        while lines[next].hasPrefix(" ") { unfolded += lines[next]; next += 1 }
        #expect(unfolded == "Subject: " + subject)
        #expect(lines[subjectStart..<next].allSatisfy { $0.utf8.count <= 78 })
        #expect(next - subjectStart > 1)
    }

    // Items 5 and 12
    @Test func controlCharactersBidiControlsAndHugeTextNeverBlockTheReport() throws {
        let input = try Harness.sample("controls", customers: 40)
        let out = Harness.temporaryDirectory("controls-out")
        let title = "Acme\u{1} \u{202E}3.5 %\u{202C} report\u{85}\u{FFFF} " + String(repeating: "x", count: 20_000)
        let run = Harness.run(["report", "--input", input, "--out", out + "/r.html", "--as-of", "2026-11-20", "--title", title])
        #expect(run.status == .success, "\(run.err)")
        let html = Harness.read(out + "/r.html")
        // Controls became U+FFFD, bidi controls are gone, the title is cut at 2000 characters.
        let prefix = "Acme\u{FFFD} 3.5 % report\u{FFFD}\u{FFFD} "
        #expect(prefix.count == 21)
        let shown = prefix + String(repeating: "x", count: 2000 - 21) + "…"
        #expect(html.contains("<h1>\(shown)</h1>"))
        #expect(!html.contains(String(repeating: "x", count: 2000 - 20)))
        #expect(!html.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{1}" })
    }

    @Test func anElevenMegabyteFieldIsShownCappedAndTheReportValidates() throws {
        // Before: a plan name over libxml2's 10 MB text-node limit failed validation ("huge
        // text node") and left an 11 MB .invalid.html. Now it is cut at 2000 characters.
        let input = try Harness.sample("hugefield", customers: 100)
        var lines = Harness.read(input + "/customers.csv").components(separatedBy: "\n")
        var fields = lines[1].components(separatedBy: ",")
        #expect(lines[0].components(separatedBy: ",")[3] == "Plan")
        fields[3] = String(repeating: "P", count: 11_000_000)
        lines[1] = fields.joined(separator: ",")
        Harness.write(lines.joined(separator: "\n"), to: input + "/customers.csv")
        let out = Harness.temporaryDirectory("hugefield-out")
        let run = Harness.run(["report", "--input", input, "--out", out + "/r.html", "--as-of", "2026-11-20"])
        #expect(run.status == .success, "\(Harness.errors(run.err))")
        let html = Harness.read(out + "/r.html")
        #expect(html.contains(String(repeating: "P", count: 1000)))
        #expect(!html.contains(String(repeating: "P", count: 2001)))
        #expect(html.utf8.count < 1_000_000)
        #expect(!FileManager.default.fileExists(atPath: out + "/r.invalid.html"))
    }

    @Test func anOlderWeeksMetricsWithAControlCharacterDoesNotBlockLaterReports() throws {
        let input = try Harness.sample("oldweek", customers: 40)
        let archive = Harness.temporaryDirectory("oldweek-archive")
        let out = Harness.temporaryDirectory("oldweek-out")
        let first = Harness.run(["report", "--input", input, "--out", out + "/a.html", "--as-of", "2026-11-13", "--publish", archive])
        #expect(first.status == .success, "\(first.err)")
        // Someone's tool rewrote last week's title with a control character and a bidi override.
        let path = archive + "/2026-W46/metrics.json"
        let metrics = Harness.read(path)
        let edited = metrics.replacingOccurrences(of: "\"title\": \"Customer retention report\"",
                                                  with: "\"title\": \"Customer\\u0007 retention \\u202e report\"")
        #expect(edited != metrics)
        Harness.write(edited, to: path)
        let second = Harness.run(["report", "--input", input, "--out", out + "/b.html", "--as-of", "2026-11-20", "--publish", archive])
        #expect(second.status == .success, "\(second.err)")
        let index = Harness.read(archive + "/index.html")
        #expect(index.contains("Customer\u{FFFD} retention  report"))
        #expect(ReportValidator().validate(fileAt: archive + "/index.html") == [])
    }

    // Item 20: every file the tool writes passes its own validator.
    @Test func everyHTMLFileTheToolWritesPassesValidate() throws {
        let input = try Harness.sample("validate-all", customers: 60)
        let out = Harness.temporaryDirectory("validate-all-out")
        let archive = out + "/archive"
        for asOf in ["2026-11-13", "2026-11-20"] {
            let run = Harness.run(["report", "--input", input, "--out", "\(out)/\(asOf).html", "--as-of", asOf, "--publish", archive,
                                   "--eml", "\(out)/\(asOf).eml", "--from", "Reports <r@acme.example>", "--to", "a@acme.example"])
            #expect(run.status == .success, "\(run.err)")
        }
        var pages = ["\(out)/2026-11-13.html", "\(out)/2026-11-20.html", archive + "/index.html",
                     archive + "/2026-W46/index.html", archive + "/2026-W47/index.html"]
        // The HTML body of the mail, rendered through the same templates.
        let body = try #require(Self.htmlPart(of: Harness.read("\(out)/2026-11-20.eml")))
        Harness.write(body, to: out + "/mail-body.html")
        pages.append(out + "/mail-body.html")
        let validate = Harness.run(["validate"] + pages)
        #expect(validate.status == .success, "\(validate.out)")
        #expect(validate.out == "")
        #expect(body.contains("<main>") && body.contains("<header>") && body.contains("<footer>"))
    }

    /// The quoted-printable text/html part of a message, decoded.
    static func htmlPart(of eml: String) -> String? {
        guard let start = eml.range(of: "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"),
              let end = eml.range(of: "\r\n--=_alt_", range: start.upperBound..<eml.endIndex) else { return nil }
        let encoded = eml[start.upperBound..<end.lowerBound].replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        let utf8 = Array(encoded.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "="), index + 2 < utf8.count,
               let value = UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    // Items 18 and 21
    @Test(.enabled(if: executable != nil, "the retention executable is not beside the test bundle"))
    func templatesComeOnlyFromWhatTheUserNames() throws {
        let input = try Harness.sample("templates", customers: 40)
        let work = Harness.temporaryDirectory("templates-cwd")
        // A stray ./Templates in the working directory must not change the report.
        Harness.write("<p>hijacked</p>", to: work + "/Templates/report.mustache")
        let run = try Self.runBinary(["report", "--input", input, "--out", work + "/r.html", "--as-of", "2026-11-20"], in: work)
        #expect(run.status == 0, "\(run.err)")
        let html = Harness.read(work + "/r.html")
        #expect(!html.contains("hijacked"))
        #expect(html.contains("<main id=\"main\">"))
        // The built-in templates are the Templates/ folder of the package, byte for byte.
        let exported = work + "/exported"
        let export = try Self.runBinary(["templates", "export", exported], in: work)
        #expect(export.status == 0, "\(export.err)")
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Harness.root + "/Templates").filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: exported).sorted() == shipped)
        for name in shipped {
            #expect(FileManager.default.contents(atPath: exported + "/" + name) == FileManager.default.contents(atPath: Harness.root + "/Templates/" + name), "\(name)")
        }
        // Listed by template name: "chart" before "chart-styles".
        #expect(export.out.split(separator: "\n").map { String($0) }.sorted() == shipped.map { exported + "/" + $0 })
        #expect(export.out.hasPrefix(exported + "/chart.mustache\n" + exported + "/chart-styles.mustache\n"))
        // Exporting again does not overwrite a restyled copy without --force.
        let again = try Self.runBinary(["templates", "export", exported], in: work)
        #expect(again.status == 5)
        #expect(again.err == "\(exported)/chart.mustache: error: already exists; give --force to replace the templates in \(exported)\n")
        // --templates and $RETENTION_TEMPLATES do select templates.
        Harness.write("<footer class=\"report-footer\"><p>restyled</p></footer>\n", to: work + "/mine/footer.mustache")
        let mine = try Self.runBinary(["report", "--input", input, "--out", work + "/m.html", "--as-of", "2026-11-20", "--templates", work + "/mine"], in: work)
        #expect(mine.status == 0, "\(mine.err)")
        #expect(Harness.read(work + "/m.html").contains("<p>restyled</p>"))
        let viaEnvironment = try Self.runBinary(["report", "--input", input, "--out", work + "/e.html", "--as-of", "2026-11-20"], in: work,
                                                environment: ["RETENTION_TEMPLATES": work + "/mine"])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment.err)")
        #expect(Harness.read(work + "/e.html").contains("<p>restyled</p>"))
    }

    // Item 3, with processes
    @Test(.enabled(if: executable != nil, "the retention executable is not beside the test bundle"))
    func concurrentPublishProcessesLoseNothing() throws {
        let input = try Harness.sample("concurrent", customers: 40)
        let archive = Harness.temporaryDirectory("concurrent-archive")
        let out = Harness.temporaryDirectory("concurrent-out")
        var processes: [Process] = []
        // Four processes at once: two weeks, two runs each, with different titles.
        for run in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.executable!)
            process.arguments = ["report", "--input", input, "--out", "\(out)/\(run).html", "--as-of", run % 2 == 0 ? "2026-11-13" : "2026-11-20",
                                 "--title", "run \(run)", "--publish", archive]
            process.environment = [:]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0, 0])
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive).sorted() == [".retention.lock", "2026-W46", "2026-W47", "index.html"])
        for week in ["2026-W46", "2026-W47"] {
            // The week's report and metrics come from the same run.
            let metrics = Harness.read("\(archive)/\(week)/metrics.json")
            let report = Harness.read("\(archive)/\(week)/index.html")
            let title = try #require(["run 0", "run 1", "run 2", "run 3"].first { metrics.contains("\"title\": \"\($0)\"") })
            #expect(report.contains("<h1>\(title)</h1>"), "\(week)")
        }
        #expect(ReportValidator().validate(fileAt: archive + "/index.html") == [])
    }
}
