import Foundation
import Testing
@testable import RetentionCLI
import Validation

/// `retention sample` then `retention report`, checked the way a user would check them.
@Suite struct SampleReportTests {
    @Test func sampleReportIsValidCompleteAndSmall() throws {
        let input = try Harness.sample("full", customers: 1200, invoices: true)
        let out = Harness.temporaryDirectory("full-out")
        let run = Harness.run(["report", "--input", input, "--out", out + "/report.html",
                               "--metrics-json", out + "/metrics.json", "--as-of", "2026-11-20"])
        #expect(run.status == .success, "\(run.err)")
        #expect(run.out == out + "/report.html\n")
        // The sample's three deliberately bad rows are reported, not silently dropped.
        #expect(run.err.contains("invoices.csv: warning: 2 of 9975 rows skipped (bad_date: 1, duplicate_id: 1)"))
        #expect(run.err.contains("surveys.csv: warning: 1 response names no customer in the customer file"))
        let html = Harness.read(out + "/report.html")
        #expect(ReportValidator().validate(html: Array(html.utf8), path: "report.html") == [])
        for section in ["headlines", "kpis", "cohorts", "churn", "revenue", "satisfaction", "health", "support",
                        "methodology", "data-quality"] {
            #expect(html.contains("<section id=\"\(section)\""), "missing section \(section)")
        }
        #expect(html.utf8.count < 1_000_000)
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1
                == html.components(separatedBy: "http://www.w3.org/").count - 1)
        #expect(!html.contains("<script"))
        #expect(html.contains("<title>Customer retention report — 2026-11-20</title>"))
        // Every input is accounted for in the data-quality appendix.
        for file in ["customers.csv", "subscriptions.csv", "invoices.csv", "surveys.csv", "tickets.csv"] {
            #expect(html.contains(input + "/" + file))
        }
        let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/metrics.json"))) as! [String: Any]
        #expect(metrics["as_of"] as? String == "2026-11-20")
        for key in ["inputs", "cohorts", "churn", "mrr", "survival", "satisfaction", "health", "support", "headline"] {
            #expect(metrics[key] != nil, "metrics JSON lacks \(key)")
        }
        let inputs = metrics["inputs"] as! [[String: Any]]
        for input in inputs {
            let read = input["rows_read"] as! Int, used = input["rows_used"] as! Int, skipped = input["rows_skipped"] as! Int
            #expect(read == used + skipped)
            #expect((input["sha256"] as! String).count == 64)
        }
        let mrr = metrics["mrr"] as! [[String: Any]]
        #expect(mrr.allSatisfy { $0["reconciles"] as? Bool == true })
    }

    @Test func sameInputsAndAsOfGiveIdenticalBytes() throws {
        let input = try Harness.sample("determinism")
        let out = Harness.temporaryDirectory("determinism-out")
        for name in ["a", "b"] {
            let run = Harness.run(["report", "--input", input, "--out", "\(out)/\(name).html",
                                   "--metrics-json", "\(out)/\(name).json", "--as-of", "2026-10-31"])
            #expect(run.status == .success, "\(run.err)")
        }
        #expect(Harness.read(out + "/a.html") == Harness.read(out + "/b.html"))
        #expect(Harness.read(out + "/a.json") == Harness.read(out + "/b.json"))
        #expect(!Harness.read(out + "/a.html").isEmpty)
    }

    @Test func sectionsWithoutDataAreLeftOut() throws {
        let input = try Harness.sample("no-tickets")
        try FileManager.default.removeItem(atPath: input + "/tickets.csv")
        try FileManager.default.removeItem(atPath: input + "/surveys.csv")
        let out = Harness.temporaryDirectory("no-tickets-out") + "/report.html"
        let run = Harness.run(["report", "--input", input, "--out", out, "--as-of", "2026-11-20"])
        #expect(run.status == .success, "\(run.err)")
        let html = Harness.read(out)
        #expect(html.contains("<section id=\"churn\""))
        #expect(!html.contains("id=\"support\""))
        #expect(!html.contains("id=\"satisfaction\""))
        #expect(!html.contains("href=\"#support\""))
        #expect(ReportValidator().validate(html: Array(html.utf8), path: out) == [])
    }
}
