import Foundation
import Testing
@testable import RetentionCLI

/// A CRM customers export and a shop's orders that know customers only by e-mail.
@Suite struct JoinAcrossSystemsTests {
    static let customers = """
    Record ID,Company name,Create Date,Email
    101,"Acme, Inc.",2024-01-05,billing@acme.com
    102,Globex GmbH,2024-01-10,ap@globex.de
    103,Initech LLC,2024-02-01,ops@initech.io

    """

    @Test func ordersThatNameEmailsJoinAndSaySo() throws {
        let dir = Harness.temporaryDirectory("join-email")
        Harness.write(Self.customers, to: dir + "/customers.csv")
        Harness.write("""
        Name,Email,Created at,Total,Currency
        #1001,billing@acme.com,2024-03-01,120.00,USD
        #1002,AP@globex.de,2024-03-02,80.00,USD
        #1003,someone@initech.io,2024-04-02,50.00,USD
        #1004,billing@acme.com,2024-05-01,120.00,USD

        """, to: dir + "/orders.csv")
        let run = Harness.run(["report", "--input", dir, "--out", dir + "/report.html", "--metrics-json", dir + "/m.json",
                               "--as-of", "2024-06-30"])
        #expect(run.status == .success, "\(run.err)")
        // With --input every file's recognition is noted first (the customers' header is HubSpot's
        // companies export: Record ID, Company name, Create Date), then the join.
        #expect(run.err == "\(dir)/customers.csv: note: read as customers (HubSpot companies): 3 rows, 3 used\n"
            + "\(dir)/orders.csv: note: read as orders (generic orders): 4 rows, 4 used\n"
            + "\(dir)/orders.csv: note: customers matched by column \"Email\": 4 of 4 rows (100.0 %): "
            + "3 by e-mail, 1 by e-mail domain\n")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/m.json"))) as! [String: Any]
        let inputs = json["inputs"] as! [[String: Any]]
        #expect(inputs[0]["customer_join"] is NSNull)
        let join = inputs[1]["customer_join"] as! [String: Any]
        #expect(join["column"] as? String == "Email")
        #expect(join["customers_file"] as? String == dir + "/customers.csv")
        #expect(join["rows_with_key"] as? Int == 4 && join["rows_matched"] as? Int == 4)
        #expect(join["rate"] as? Double == 1)
        #expect(join["by"] as? [String: Int] == ["email": 3, "email_domain": 1])
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(html.contains("<li>Matched to customers by column “Email”: 4 of 4 rows (100.0%) — 3 by e-mail, 1 by e-mail domain.</li>"))
        // The inputs table: the customers file is not matched ("—"), the orders 100 % by e-mail and domain.
        #expect(html.contains("<th scope=\"col\" class=\"\">Matched to customers</th>"))
        #expect(html.contains("<td class=\"\">—</td>"))
        #expect(html.contains("<td class=\"\">100.0% (e-mail, e-mail domain)</td>"))
    }

    @Test func ordersThatNameNobodyStopTheReport() {
        let dir = Harness.temporaryDirectory("join-none")
        Harness.write(Self.customers, to: dir + "/customers.csv")
        Harness.write("id,Customer,Created (UTC),Amount\nch_1,cus_A,2024-03-01,10\nch_2,cus_B,2024-03-02,10\n",
                      to: dir + "/charges.csv")
        let run = Harness.run(["report", "--input", dir, "--out", dir + "/report.html"])
        #expect(run.status == .inputError)
        #expect(run.err.hasPrefix("\(dir)/charges.csv:1:4: error: none of its 2 rows names a customer of \(dir)/customers.csv: "
            + "its column \"Customer\" was matched against \"Record ID\" (ids), \"Email\" (e-mails and their domains), "
            + "\"Company name\" (company names); unmatched: \"cus_A\" (line 2), \"cus_B\" (line 3)."))
        #expect(!FileManager.default.fileExists(atPath: dir + "/report.html"))
    }
}
