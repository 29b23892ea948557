import Foundation
import Testing
@testable import RetentionCLI
import Validation

/// Customer data is never trusted: hostile strings in every customer-provided field reach the
/// report escaped, in HTML text, attributes and SVG text alike.
@Suite struct HostileDataTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "\" onmouseover=\"alert(3)",
        "javascript:alert(4)",
        "</title><style>@import url(http://evil.example/x.css)</style>",
        "&amp; ' \" <b>bold</b>",
    ]

    /// A CSV field: quoted, with inner quotes doubled.
    static func field(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func writeHostileExports(to directory: String) {
        let p = payloads.map(field)
        var customers = ["Customer ID,Company Name,Created Date,Plan,Segment,Region,Acquisition Channel,Account Owner,Status,Cancellation Date,Churn Reason,Churn Type,Last Login"]
        var subscriptions = ["Subscription ID,Customer ID,Plan,Billing Interval,Amount,Currency,Start Date,Canceled At,Status"]
        var surveys = ["Response ID,Customer ID,Submitted At,Survey,Score,Comment"]
        var tickets = ["Ticket ID,Customer ID,Created At,First Response At,Solved At,Priority,Status"]
        for i in 0..<60 {
            let id = "H\(i)"
            let month = 1 + i % 12
            let signup = String(format: "2025-%02d-03", month)
            let churned = i % 4 == 0
            let cancel = churned ? String(format: "2026-%02d-10", 1 + i % 9) : ""
            customers.append([id, p[i % p.count] + " \(i)", signup, p[i % 3], p[(i + 1) % p.count], p[(i + 2) % p.count],
                              p[(i + 3) % p.count], p[(i + 4) % p.count], churned ? "Cancelled" : "Active", cancel,
                              churned ? p[i % p.count] : "", churned ? "voluntary" : "", "2026-01-01"].joined(separator: ","))
            subscriptions.append(["S\(i)", id, p[i % 3], "month", "\(100 + i).00", "USD", signup, cancel,
                                  churned ? "canceled" : "active"].joined(separator: ","))
            for (n, score) in [(0, 2), (1, 10), (2, 5)] {
                surveys.append(["R\(i)-\(n)", id, String(format: "2026-%02d-15", 1 + (i + n) % 10), "NPS", "\(score)",
                                p[(i + n) % p.count]].joined(separator: ","))
            }
            surveys.append(["C\(i)", id, String(format: "2026-%02d-16", 1 + i % 10), "CSAT", "\(1 + i % 5)", p[i % p.count]].joined(separator: ","))
            tickets.append(["T\(i)", id, String(format: "2026-%02d-01 09:00:00", 1 + i % 10), "", "", "urgent", "open"].joined(separator: ","))
        }
        for (name, lines) in [("customers", customers), ("subscriptions", subscriptions), ("surveys", surveys), ("tickets", tickets)] {
            Harness.write(lines.joined(separator: "\r\n") + "\r\n", to: "\(directory)/\(name).csv")
        }
    }

    @Test func hostileStringsReachTheReportEscaped() throws {
        let input = Harness.temporaryDirectory("hostile")
        Self.writeHostileExports(to: input)
        let out = Harness.temporaryDirectory("hostile-out") + "/report.html"
        let run = Harness.run(["report", "--input", input, "--out", out, "--as-of", "2026-11-20",
                               "--title", "Q4 <script>alert(5)</script> & co"])
        #expect(run.status == .success, "\(run.err)")
        let html = Harness.read(out)
        #expect(ReportValidator().validate(html: Array(html.utf8), path: out) == [])
        for raw in ["<script>", "<img src=x", "onmouseover=\"alert", "<b>bold</b>", "</title><style>"] {
            #expect(!html.contains(raw), "unescaped: \(raw)")
        }
        // The payloads do reach the page, escaped: as HTML text in tables and lists, and in SVG text.
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("&quot; onmouseover=&quot;alert(3)"))
        #expect(html.contains("Q4 &lt;script&gt;alert(5)&lt;/script&gt; &amp; co"))
        #expect(html.contains("&amp;amp; &#39; &quot; &lt;b&gt;bold&lt;/b&gt;"))
        let svgText = html.components(separatedBy: "<svg").dropFirst().joined()
        #expect(svgText.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "payload expected in a chart label")
    }
}
