import Foundation
import Testing
@testable import RetentionCLI

/// `retention report --customers-csv FILE` on the sample: one row per customer, consistent
/// with the metrics JSON's health aggregates, written atomically.
@Suite struct CustomersCSVEndToEndTests {
    /// Records of an RFC 4180 text (quoted fields, doubled quotes, line feeds inside quotes).
    static func records(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        return rows
    }

    @Test func oneRowPerCustomerMatchingTheMetricsJSON() throws {
        let input = try Harness.sample("customers-csv", customers: 400)
        let out = Harness.temporaryDirectory("customers-csv-out")
        let run = Harness.run(["report", "--input", input, "--out", out + "/report.html", "--metrics-json",
                               out + "/metrics.json", "--customers-csv", out + "/customers.csv", "--as-of", "2026-11-20"])
        #expect(run.status == .success, "\(run.err)")
        let rows = Self.records(Harness.read(out + "/customers.csv"))
        #expect(rows.first == ["customer_id", "name", "email", "domain", "as_of", "active", "health_score",
                               "health_status", "health_reasons", "monthly_revenue", "p_alive", "expected_purchases_13w",
                               "expected_purchases_52w", "clv_12m", "churn_probability_90d"])
        let body = rows.dropFirst()
        // The sample's customers file has one row per customer (400).
        #expect(body.count == 400)
        #expect(body.allSatisfy { $0.count == 15 && $0[4] == "2026-11-20" })
        #expect(Set(body.map { $0[0] }).count == 400)
        #expect(!FileManager.default.fileExists(atPath: out + "/.customers.csv.partial"))

        let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/metrics.json"))) as! [String: Any]
        let health = try #require(metrics["health"] as? [String: Any])
        let statuses = try #require(health["statuses"] as? [String: [String]])
        for status in ["green", "amber", "red"] {
            let ids = body.filter { $0[7] == status }.map { $0[0] }
            #expect(ids == statuses[status], "\(status)")
            #expect(ids.count == health[status] as? Int)
        }
        #expect(health["at_risk_count"] as? Int == body.filter { $0[7] == "red" || $0[7] == "amber" }.count)
        let atRisk = try #require(health["at_risk"] as? [[String: Any]])
        #expect(atRisk.count == min(25, health["at_risk_count"] as! Int))
        // Scored customers are active; unscored ones have empty health cells.
        #expect(body.filter { !$0[7].isEmpty }.allSatisfy { $0[5] == "true" && !$0[6].isEmpty && !$0[8].isEmpty })
        #expect(body.filter { $0[7].isEmpty }.allSatisfy { $0[6].isEmpty && $0[8].isEmpty && $0[9].isEmpty })

        // The sample is a subscription business: the purchase-model columns stay empty, and the churn
        // model scores exactly the customers its JSON summary counts, each with a probability in [0, 1].
        #expect(body.allSatisfy { $0[10].isEmpty && $0[11].isEmpty && $0[12].isEmpty && $0[13].isEmpty })
        let prediction = try #require(metrics["prediction"] as? [String: Any])
        let churnSummary = try #require(prediction["churn_summary"] as? [String: Any])
        let scored = body.filter { !$0[14].isEmpty }
        #expect(scored.count == churnSummary["customers"] as? Int)
        #expect(scored.allSatisfy { Double($0[14]).map { $0 >= 0 && $0 <= 1 } ?? false && $0[5] == "true" })
    }
}
