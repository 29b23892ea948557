import Foundation
import Testing
@testable import RetentionCLI
import Validation

/// `--publish DIR` keeps an intranet archive; `--eml FILE` writes a mail-ready message.
@Suite struct PublishAndMailTests {
    @Test func publishingTwoWeeksBuildsTheArchiveNewestFirst() throws {
        let input = try Harness.sample("publish")
        let archive = Harness.temporaryDirectory("archive")
        let out = Harness.temporaryDirectory("publish-out")
        for asOf in ["2026-11-13", "2026-11-20", "2026-11-13"] {
            let run = Harness.run(["report", "--input", input, "--out", "\(out)/\(asOf).html", "--as-of", asOf, "--publish", archive])
            #expect(run.status == .success, "\(run.err)")
        }
        // 2026-11-13 is in ISO week 46, 2026-11-20 in week 47.
        for week in ["2026-W46", "2026-W47"] {
            #expect(FileManager.default.fileExists(atPath: "\(archive)/\(week)/index.html"))
            #expect(FileManager.default.fileExists(atPath: "\(archive)/\(week)/metrics.json"))
        }
        let index = Harness.read(archive + "/index.html")
        #expect(ReportValidator().validate(fileAt: archive + "/index.html") == [])
        let w47 = try #require(index.range(of: "2026-W47/index.html"))
        let w46 = try #require(index.range(of: "2026-W46/index.html"))
        #expect(w47.lowerBound < w46.lowerBound)
        #expect(index.contains("Active customers"))
        #expect(Harness.read("\(archive)/2026-W46/index.html") == Harness.read("\(out)/2026-11-13.html"))
        // Week 47 found week 46's metrics in the archive and compares itself with it; week 46 has
        // no earlier report to compare with.
        let w47Report = Harness.read("\(archive)/2026-W47/index.html")
        #expect(w47Report.contains("<section id=\"since-last\""))
        #expect(w47Report.contains("Compared with the report as of 2026-11-13."))
        #expect(w47Report.contains("<li><a href=\"#since-last\">Since last report</a></li>"))
        #expect(!Harness.read("\(archive)/2026-W46/index.html").contains("since-last"))
    }

    @Test func mailMessageCarriesSummaryAndReport() throws {
        let input = try Harness.sample("mail")
        let out = Harness.temporaryDirectory("mail-out")
        let run = Harness.run(["report", "--input", input, "--out", out + "/report.html", "--as-of", "2026-11-20",
                               "--eml", out + "/report.eml", "--from", "reports@example.com", "--to", "ceo@example.com",
                               "--to", "cs@example.com"])
        #expect(run.status == .success, "\(run.err)")
        let eml = Harness.read(out + "/report.eml")
        #expect(eml.contains("From: reports@example.com\r\n"))
        #expect(eml.contains("To: ceo@example.com,\r\n cs@example.com\r\n"))
        // RFC 2047: the em dash makes the default subject non-ASCII, so it is base64 encoded-words
        // ("Customer retention report — 2026-11-2" + "0"), folded at a character boundary.
        #expect(eml.contains("Subject: =?UTF-8?B?Q3VzdG9tZXIgcmV0ZW50aW9uIHJlcG9ydCDigJQgMjAyNi0xMS0y?=\r\n =?UTF-8?B?MA==?=\r\n"))
        #expect(eml.contains("Date: Fri, 20 Nov 2026 08:00:00 +0000\r\n"))
        #expect(eml.contains("Content-Type: multipart/mixed; boundary="))
        #expect(eml.contains("Content-Type: multipart/alternative; boundary="))
        #expect(eml.contains("Content-Disposition: attachment; filename=\"retention-2026-W47.html\""))
        #expect(!eml.contains("<svg"), "mail bodies carry no SVG; the report is base64 inside the attachment")
        let lines = eml.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        let missing = Harness.run(["report", "--input", input, "--out", out + "/r2.html", "--eml", out + "/x.eml"])
        #expect(missing.status == .usage)
        #expect(Harness.errors(missing.err) == "retention: error: --eml needs --from ADDRESS\n")
        #expect(!FileManager.default.fileExists(atPath: out + "/r2.html"), "checked before any work is done")
    }
}
