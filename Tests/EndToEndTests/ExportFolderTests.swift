import Foundation
import Testing
@testable import RetentionCLI

/// Real export folders in, the seeded company's truth out: `retention report --input <folder>`
/// with no other option, for each product's fixture under `Tests/Fixtures/exports/` (file
/// names, headers and vocabulary from the sources in `Tests/Fixtures/exports/SOURCES.md`).
///
/// The seeded company (Northwind) is the same in every folder; each test's comments work the
/// truth out from the fixture's rows.
@Suite struct ExportFolderTests {
    /// The result of one run: exit status, standard error and the metrics JSON.
    struct Run {
        var status: RetentionCLI.ExitStatus
        var err: String
        var metrics: [String: Any]
        var html: String

        var churn: [[String: Any]] { metrics["churn"] as? [[String: Any]] ?? [] }
        /// Customers active at the as-of date: the end of the (incomplete) latest period.
        var activeAtAsOf: Int? { churn.last?["active_end"] as? Int }
        /// Churn events over the whole history.
        var churned: Int { churn.reduce(0) { $0 + ($1["churned"] as? Int ?? 0) } }
        var mrrAtAsOf: Double? { (metrics["mrr"] as? [[String: Any]])?.last?["end"] as? Double }
        /// Revenue over all cohort cells (every paid order falls in exactly one cell).
        var revenue: Double {
            (metrics["cohorts"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["revenue"] as? Double ?? 0) }
        }
        func satisfaction(_ period: String) -> [String: Any]? {
            (metrics["satisfaction"] as? [[String: Any]])?.first { $0["period"] as? String == period }
        }
        func support(_ period: String) -> [String: Any]? {
            (metrics["support"] as? [[String: Any]])?.first { $0["period"] as? String == period }
        }
        func input(_ name: String) -> [String: Any]? {
            (metrics["inputs"] as? [[String: Any]])?.first { ($0["path"] as? String)?.hasSuffix("/" + name) == true }
        }
        func skipped(_ name: String, _ reason: String) -> Int? {
            (input(name)?["skipped"] as? [String: Any])?[reason] as? Int
        }
    }

    static func folder(_ product: String) -> String { Harness.root + "/Tests/Fixtures/exports/" + product }

    static func report(_ product: String, _ extra: [String] = []) -> Run {
        let out = Harness.temporaryDirectory("exports-\(product)")
        let run = Harness.run(["report", "--input", folder(product), "--out", out + "/report.html",
                               "--metrics-json", out + "/metrics.json"] + extra)
        let json = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/metrics.json"))))
        return Run(status: run.status, err: run.err, metrics: json as? [String: Any] ?? [:],
                   html: Harness.read(out + "/report.html"))
    }

    @Test func hubspotCompaniesDealsAndContacts() {
        let run = Self.report("hubspot")
        #expect(run.status == .success, "\(run.err)")
        #expect(run.metrics["as_of"] as? String == "2024-07-01")  // Globex's renewal closes on 2024-07-01
        // Won deals are annual renewals (gaps 365–366 days): every customer is annual, and the
        // single-deal customers (Initech, Vandelay) get the majority cadence. A deal keeps its
        // company active 366 + 30 days: Acme (2024-03-01), Globex (2024-07-01), Initech
        // (2023-09-15 → 2024-10-15) and Umbrella (2024-01-20) are active; Hooli (2023-04-01 →
        // 2024-05-01) and Vandelay (2023-03-01 → 2024-03-31) have churned. Stark only lost a deal.
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 2)
        // 12000 × 2 + 6000 × 2 + 24000 + 3000 × 2 + 5000 × 2 + 8000 = 84,000; open and lost deals excluded.
        #expect(run.revenue == 84_000)
        #expect(run.skipped("hubspot-crm-exports-all-deals-2024-07-01.csv", "open_deal") == 2)
        #expect(run.skipped("hubspot-crm-exports-all-deals-2024-07-01.csv", "lost_deal") == 2)
        // NPS from contacts: 10, 9, 9 promoters, 7 passive, 3 detractor: (3 − 1) ÷ 5 = 40; the
        // contact without an answer is excluded by rule, not a bad date.
        #expect(run.satisfaction("2024-06")?["nps"] as? Double == 40)
        #expect(run.satisfaction("2024-06")?["nps_n"] as? Int == 5)
        #expect(run.skipped("hubspot-crm-exports-all-contacts-2024-07-01.csv", "no_rating") == 1)
        let dir = Self.folder("hubspot")
        #expect(run.err.contains("\(dir)/hubspot-crm-exports-all-deals-2024-07-01.csv: note: read as orders (HubSpot deals): "
            + "14 rows, 10 used, 4 excluded by rule\n"))
        // Stark Industries is a Prospect: not a customer (excluded by rule).
        #expect(run.err.contains("\(dir)/hubspot-crm-exports-all-companies-2024-07-01.csv: note: read as customers "
            + "(HubSpot companies): 7 rows, 6 used, 1 excluded by rule\n"))
        #expect(run.err.contains("\(dir)/hubspot-crm-exports-all-contacts-2024-07-01.csv: note: read as surveys "
            + "(HubSpot contacts (NPS)): 6 rows, 5 used, 1 excluded by rule\n"))
    }

    @Test func strictDoesNotFailOnRowsExcludedByRule() {
        for product in ["hubspot", "salesforce-reports", "shopify", "stripe-zendesk-delighted"] {
            let run = Self.report(product, ["--strict"])
            #expect(run.status == .success, "\(product): \(run.err)")
        }
    }

    @Test func inactivityDaysOverridesTheCadence() {
        // 90 days after the last won deal for everyone: only Globex (2024-07-01) is active;
        // Acme (2024-03-01 + 90 = 2024-05-30), Initech and Umbrella (2024-04-19) have churned.
        let run = Self.report("hubspot", ["--inactivity-days", "90"])
        #expect(run.status == .success, "\(run.err)")
        #expect(run.activeAtAsOf == 1)
    }

    @Test func salesforceDataLoaderExtracts() {
        let run = Self.report("salesforce")
        #expect(run.status == .success, "\(run.err)")
        // The same company and deals as the HubSpot folder (see there): 4 active, 2 churned, 84,000.
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 2)
        #expect(run.revenue == 84_000)
        #expect(run.skipped("extract-Opportunity.csv", "lost_deal") == 1)
        #expect(run.skipped("extract-Opportunity.csv", "open_deal") == 1)
        #expect(run.input("extract-Case.csv")?["rows_used"] as? Int == 3)
        #expect(run.input("extract-Case.csv")?["source"] as? String == "Salesforce Data Loader Case")
    }

    @Test func salesforceReportExportsWithFooters() {
        let run = Self.report("salesforce-reports")
        #expect(run.status == .success, "\(run.err)")
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 2)
        #expect(run.revenue == 84_000)
        // "Confidential Information…", "Copyright…", "Generated By…" and the org name.
        #expect(run.skipped("report-1719820800000.csv", "report_footer") == 4)
        #expect(run.skipped("report-1719820800001.csv", "report_footer") == 4)
        #expect(run.input("report-1719820800000.csv")?["rows_unreadable"] as? Int == 0)
        // The case report: 3 cases, named by account name (the account report's only key here);
        // resolved in 4 and 24 hours: median 14.
        #expect(run.input("report-1719820800002.csv")?["source"] as? String == "Salesforce case report")
        #expect(run.skipped("report-1719820800002.csv", "report_footer") == 4)
        #expect(run.support("2024-06")?["tickets"] as? Int == 3)
        #expect(run.support("2024-06")?["resolution_median_hours"] as? Double == 14)
        #expect(!run.err.contains("report-1719820800002.csv: warning"))
    }

    @Test func stripeCustomersSubscriptionsInvoicesPayments() {
        let run = Self.report("stripe")
        #expect(run.status == .success, "\(run.err)")
        #expect(run.metrics["as_of"] as? String == "2024-07-01")
        // Acme 49 × 3 = 147, Globex 1200 ÷ 12 = 100, Umbrella 49 × 2 = 98, Hooli 100: 445.
        // Initech ended 2024-03-15; Vandelay is trialing (not a customer yet).
        #expect(run.mrrAtAsOf == 445)
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 1)
        #expect(run.skipped("invoices.csv", "not_paid") == 1)
        let payments = Self.folder("stripe") + "/unified_payments.csv"
        #expect(run.err.contains("\(payments): warning: not used: Stripe unified payments export: the same revenue is in "
            + "invoices.csv (Stripe invoices); reading both would count it twice\n"))
        #expect(run.input("unified_payments.csv")?["used"] as? Bool == false)
        // The data-quality appendix lists it too, beside the files read.
        #expect(run.html.contains("not used: Stripe unified payments export: the same revenue is in invoices.csv"))
        #expect(run.html.contains("invoices.csv</th><td class=\"\">orders (Stripe invoices)</td>"))
    }

    /// The Stripe folder's subscriptions (see `stripeCustomersSubscriptionsInvoicesPayments`)
    /// beside files without revenue: MRR 445 and 4 active customers at `asOf`.
    static func expectStripeSubscriptions(_ run: Run, asOf: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.metrics["as_of"] as? String == asOf, sourceLocation: sourceLocation)
        #expect(run.mrrAtAsOf == 445, sourceLocation: sourceLocation)
        #expect(run.activeAtAsOf == 4, sourceLocation: sourceLocation)
    }

    @Test func stripeZendeskAndDelightedTogether() {
        let run = Self.report("stripe-zendesk-delighted")
        #expect(run.status == .success, "\(run.err)")
        // No invoices: the latest date is Zendesk's last ticket (2024-06-28); MRR as in the Stripe folder.
        Self.expectStripeSubscriptions(run, asOf: "2024-06-28")
        let june = run.satisfaction("2024-06")
        // Delighted: 10, 9, 10, 9 promoters; 8 passive; 6, 3 detractors: (4 − 2) ÷ 7 = 28.571…
        #expect(abs((june?["nps"] as? Double ?? 0) - 200.0 / 7) < 0.001)
        #expect(june?["nps_n"] as? Int == 7)
        // Zendesk: Good, Good, Bad, Good rated; Offered, Not Offered, Unoffered are no rating: 3 ÷ 4.
        #expect(june?["csat"] as? Double == 0.75)
        #expect(june?["csat_n"] as? Int == 4)
        #expect(run.support("2024-06")?["tickets"] as? Int == 7)
        let tickets = (run.metrics["inputs"] as? [[String: Any]] ?? []).filter {
            ($0["path"] as? String)?.hasSuffix("export-2024-07-01-1010-1234567-987654.csv") == true
        }
        #expect(tickets.map { $0["entity"] as? String } == ["tickets", "surveys"])
        #expect(tickets.last?["skipped"] as? [String: Int] == ["no_rating": 3])
    }

    @Test func chargebeeSubscriptionsCustomersInvoices() {
        let run = Self.report("chargebee")
        #expect(run.status == .success, "\(run.err)")
        #expect(run.metrics["currency"] as? String == "EUR")
        // 147 + 100 + Umbrella 147 × 2 per 3 months = 98 + Hooli 100 = 445; non_renewing is still
        // active; Initech cancelled 2024-03-15; Vandelay in_trial.
        #expect(run.mrrAtAsOf == 445)
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 1)
        #expect(run.skipped("Invoices.csv", "cancelled") == 1)  // voided
        #expect(run.skipped("Invoices.csv", "not_paid") == 1)   // payment_due
        #expect(run.input("Subscriptions.csv")?["rows_unreadable"] as? Int == 0)
    }

    @Test func shopifyOrdersWithLineItems() {
        let run = Self.report("shopify")
        #expect(run.status == .success, "\(run.err)")
        // Paid orders, Total − Taxes: buyer06 30 + 30 (32.50 − 2.50 each); buyer01 45 + 30 + 50 + 30;
        // buyer02 30 + 30: 275. Refunded, voided and pending orders are excluded by rule.
        #expect(run.revenue == 275)
        // buyer01 pays monthly (gaps 31, 30, 60: median 31) and last paid 2024-07-01; buyer02
        // quarterly (gap 91; 2024-06-14 + 122 days): both active. buyer06 (monthly, last
        // 2024-02-05 + 61 days) churned on 2024-04-06.
        #expect(run.activeAtAsOf == 2)
        #expect(run.churned == 1)
        #expect(run.skipped("orders_export_1.csv", "continuation_row") == 3)
        #expect(run.skipped("orders_export_1.csv", "refunded") == 1)
        #expect(run.input("customers_export.csv")?["used"] as? Bool == false)
        #expect(run.html.contains("In this data: 2 monthly, 1 quarterly, 0 annual from their own payments."))
    }

    @Test func freshdeskTicketsAndTheirSurveyResults() {
        let run = Self.report("freshdesk")
        #expect(run.status == .success, "\(run.err)")
        let june = run.support("2024-06")
        // First responses 0.5, 1, 0.25, 24, 1 and 0.5 hours: median (0.5 + 1) ÷ 2 = 0.75;
        // resolutions 4, 2, 6 and 24 hours: median (4 + 6) ÷ 2 = 5.
        #expect(june?["tickets"] as? Int == 6)
        #expect(june?["first_response_median_hours"] as? Double == 0.75)
        #expect(june?["resolution_median_hours"] as? Double == 5)
        // Survey results Extremely Happy, Happy, Very Happy (satisfied) and Unhappy: 3 ÷ 4; the
        // open and pending tickets have no answer.
        let satisfaction = run.satisfaction("2024-06")
        #expect(satisfaction?["csat"] as? Double == 0.75)
        #expect(satisfaction?["csat_n"] as? Int == 4)
        let tickets = (run.metrics["inputs"] as? [[String: Any]] ?? []).filter {
            ($0["path"] as? String)?.hasSuffix("/tickets-export.csv") == true
        }
        #expect(tickets.map { $0["entity"] as? String } == ["tickets", "surveys"])
        #expect(tickets.last?["source"] as? String == "Freshdesk ticket survey results")
        #expect(tickets.last?["skipped"] as? [String: Int] == ["no_rating": 2])
        let strict = Self.report("freshdesk", ["--strict"])
        #expect(strict.status == .success, "\(strict.err)")
    }

    @Test func freshdeskSurveyLabelsRenamedByTheAccountAreUnreadable() {
        let dir = Harness.temporaryDirectory("exports-freshdesk-labels")
        let fixture = Harness.read(Self.folder("freshdesk") + "/tickets-export.csv")
        Harness.write(fixture.replacingOccurrences(of: ",Very Happy,", with: ",Delighted,"), to: dir + "/tickets-export.csv")
        let out = Harness.temporaryDirectory("exports-freshdesk-labels-out")
        let run = Harness.run(["report", "--input", dir, "--out", out + "/r.html", "--metrics-json", out + "/m.json"])
        #expect(run.status == .success, "\(run.err)")
        // Counted as unreadable, listed in the data-quality appendix; the other three answers count.
        #expect(run.err.contains("\(dir)/tickets-export.csv: note: read as surveys (Freshdesk ticket survey results): "
            + "6 rows, 3 used, 2 excluded by rule, 1 unreadable\n"))
        let expected = "unknown rating \"Delighted\"; expected one of \"Extremely Happy\", \"Very Happy\", \"Happy\", "
            + "\"Neutral\", \"Unhappy\", \"Very Unhappy\", \"Extremely Unhappy\""
        #expect(Harness.read(out + "/r.html").contains("tickets-export.csv:6:229</code> "
            + expected.replacingOccurrences(of: "\"", with: "&quot;")))
        // --strict stops on it: line 6 (ticket 105), "Delighted" starts at character 229.
        let strict = Harness.run(["report", "--input", dir, "--strict", "--out", out + "/s.html"])
        #expect(strict.status == .inputError)
        #expect(strict.err.contains("\(dir)/tickets-export.csv:6:229: error: \(expected) [bad_score]; "
            + "strict mode stops on unreadable rows (1 in this file)"), "\(strict.err)")
    }

    @Test func typeformNPSQuestionFoundByItsWording() {
        let run = Self.report("typeform")
        #expect(run.status == .success, "\(run.err)")
        let june = run.satisfaction("2024-06")
        #expect(abs((june?["nps"] as? Double ?? 0) - 200.0 / 7) < 0.001)
        #expect(june?["nps_n"] as? Int == 7)
    }

    @Test func hubspotCompaniesAloneReadFormerCustomersAsChurn() {
        // A cancellation date is not an event: without --as-of the report date would be the last
        // Create Date of a customer (Vandelay, 2023-03-01), before both churns. So it is given.
        let run = Self.report("hubspot-companies-only", ["--as-of", "2024-04-30"])
        #expect(run.status == .success, "\(run.err)")
        // Customers file only: active from Create Date; "Former customer" churns on the Last
        // Activity Date (Hooli 2024-02-15, Vandelay 2024-04-30 = the as-of).
        #expect(run.metrics["as_of"] as? String == "2024-04-30")
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 2)
        #expect(run.skipped("hubspot-crm-exports-all-companies-2024-07-01.csv", "not_a_customer") == 1)
    }

    @Test func zohoAccountsReadFormerCustomersAsChurn() {
        let run = Self.report("zoho", ["--as-of", "2024-04-30"])
        #expect(run.status == .success, "\(run.err)")
        // As HubSpot's companies (as-of given for the same reason); a Prospect and a Partner are not customers.
        #expect(run.metrics["as_of"] as? String == "2024-04-30")
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 2)
        #expect(run.skipped("Accounts_2024_07_01.csv", "not_a_customer") == 2)
    }

    @Test func pipedriveDealsAndOrganizations() {
        let run = Self.report("pipedrive")
        #expect(run.status == .success, "\(run.err)")
        // The HubSpot folder's deals with Pipedrive's headers: 4 active, 2 churned, 84,000.
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 2)
        #expect(run.revenue == 84_000)
        #expect(run.skipped("deals-export.csv", "open_deal") == 1)
        #expect(run.skipped("deals-export.csv", "lost_deal") == 1)
        #expect(run.input("organizations-export.csv")?["source"] as? String == "Pipedrive organizations")
        // A deal names its organization by name ("Deal - Organization"), not by id.
        #expect(run.err.contains("\(Self.folder("pipedrive"))/deals-export.csv: note: customers matched by column "
            + "\"Deal - Organization\": 10 of 10 rows (100.0 %): 10 by company name\n"))
    }

    @Test func goCardlessPayments() {
        let run = Self.report("gocardless")
        #expect(run.status == .success, "\(run.err)")
        #expect(run.metrics["currency"] as? String == "GBP")
        // CU001 pays monthly to 2024-07-01; CU003 quarterly (gaps 92, 91), last 2024-04-15 + 122
        // days; CU004 once (2024-06-01), monthly like the majority: active. CU002's last paid
        // payment was 2024-03-01 (+ 61 days): churned. Revenue 7 × 20 + 3 × 20 + 3 × 60 + 20 = 400.
        #expect(run.activeAtAsOf == 3)
        #expect(run.churned == 1)
        #expect(run.revenue == 400)
        #expect(run.skipped("payments-export.csv", "not_paid") == 1)
        #expect(run.skipped("payments-export.csv", "cancelled") == 1)
        #expect(run.skipped("payments-export.csv", "refunded") == 1)
        #expect(run.html.contains("In this data: 2 monthly, 1 quarterly, 0 annual from their own payments; "
            + "1 monthly, 0 quarterly, 0 annual from the majority."))
    }

    @Test func goCardlessPartialRefundsAreNetted() {
        let dir = Harness.temporaryDirectory("exports-gocardless-refund")
        let header = "id,created_at,charge_date,amount,description,currency,status,amount_refunded,reference,links.mandate,"
            + "links.creditor,links.customer,links.subscription\n"
        Harness.write(header
            + "PM1,2024-05-01T09:00:00.000Z,2024-05-01,20.00,Pro,GBP,paid_out,0.00,R1,MD1,CR1,CU1,SB1\n"
            + "PM2,2024-06-01T09:00:00.000Z,2024-06-01,20.00,Pro,GBP,paid_out,5.00,R2,MD1,CR1,CU1,SB1\n",
            to: dir + "/payments-export.csv")
        let out = Harness.temporaryDirectory("exports-gocardless-refund-out")
        let run = Harness.run(["report", "--input", dir, "--out", out + "/r.html", "--metrics-json", out + "/m.json"])
        #expect(run.status == .success, "\(run.err)")
        let json = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/m.json"))))
        let cohorts = (json as? [String: Any])?["cohorts"] as? [[String: Any]] ?? []
        // 20 + (20 − 5 refunded) = 35.
        #expect(cohorts.reduce(0) { $0 + ($1["revenue"] as? Double ?? 0) } == 35)
    }

    @Test func wooCommerceOrders() {
        let run = Self.report("woocommerce")
        #expect(run.status == .success, "\(run.err)")
        // Completed and processing orders, Order Total − Order Total Tax: shop1 5 × 20, shop2
        // 2 × 40, shop4 30 = 210. shop2 (monthly) last paid 2024-02-10 + 61 days: churned.
        #expect(run.revenue == 210)
        #expect(run.activeAtAsOf == 2)
        #expect(run.churned == 1)
        #expect(run.skipped("wc-order-export-2024-07-01.csv", "refunded") == 1)
        #expect(run.skipped("wc-order-export-2024-07-01.csv", "cancelled") == 1)
        #expect(run.skipped("wc-order-export-2024-07-01.csv", "not_paid") == 2)
    }

    @Test func wooCommerceAdvancedOrderExportWithLineItems() {
        let run = Self.report("woocommerce-advanced-export")
        #expect(run.status == .success, "\(run.err)")
        // The woocommerce folder's orders, one row per line item with the order's fields on each:
        // Order Total Amount − Order Total Tax Amount once per order, 210 as there.
        #expect(run.revenue == 210)
        #expect(run.activeAtAsOf == 2)
        #expect(run.churned == 1)
        let file = "orders-2024-07-01.csv"
        #expect(run.input(file)?["source"] as? String == "WooCommerce order items (Advanced Order Export)")
        // Orders 201, 206, 208 and 211 have a second item row. 208's second row is a continuation
        // before its status is looked at, so it is refunded once.
        #expect(run.skipped(file, "continuation_row") == 4)
        #expect(run.skipped(file, "refunded") == 1)
        #expect(run.skipped(file, "cancelled") == 1)
        #expect(run.skipped(file, "not_paid") == 2)
        let strict = Self.report("woocommerce-advanced-export", ["--strict"])
        #expect(strict.status == .success, "\(strict.err)")
    }

    @Test func surveyMonkeyAndQualtricsExtraHeaderRows() {
        for (product, file, extra) in [("surveymonkey", "Sheet_1.csv", 1), ("qualtrics", "NPS+Survey_July+1,+2024_10.12.csv", 2)] {
            let run = Self.report(product, ["--strict"])
            #expect(run.status == .success, "\(product): \(run.err)")
            // Scores 10, 9, 8, 6, 10, 3, 9 as in the Delighted folder: NPS (4 − 2) ÷ 7.
            let june = run.satisfaction("2024-06")
            #expect(abs((june?["nps"] as? Double ?? 0) - 200.0 / 7) < 0.001, "\(product)")
            #expect(june?["nps_n"] as? Int == 7, "\(product)")
            #expect(run.skipped(file, "extra_header_row") == extra, "\(product)")
        }
    }

    @Test func presetNamesOneFileOfAFolder() throws {
        let dir = Harness.temporaryDirectory("exports-preset")
        // No "Deal Name" column: HubSpot's deals signature is not complete, so only the preset
        // reads the file, with HubSpot's columns and its won/lost/open deal stages.
        Harness.write("Record ID,Deal Stage,Close Date,Amount,Associated Company IDs\n1,Closed Won,2024-05-01,100,C1\n"
            + "2,Closed Lost,2024-05-02,50,C1\n3,Contract Sent,2024-05-03,70,C2\n", to: dir + "/deals.csv")
        let out = Harness.temporaryDirectory("exports-preset-out")
        let withPreset = Harness.run(["report", "--input", dir, "--preset", "deals.csv=hubspot", "--out", out + "/r.html"])
        #expect(withPreset.status == .success, "\(withPreset.err)")
        #expect(withPreset.err.contains("\(dir)/deals.csv: note: read as orders (HubSpot deals): 3 rows, 1 used, 2 excluded by rule\n"))
        // Without it, no customer column is known: the file is named as not used, with the reason.
        let generic = Harness.run(["report", "--input", dir, "--out", out + "/g.html"])
        #expect(generic.status == .inputError)
        #expect(generic.err.contains("\n  \(dir)/deals.csv: its header matches no known export and lacks the columns of every entity"))
        let bad = Harness.run(["report", "--input", dir, "--preset", "deals.csv=hubspoot", "--out", out + "/b.html"])
        #expect(bad.status == .usage)
        #expect(bad.err == "retention: error: invalid value 'hubspoot' for '--preset': expected one of hubspot, salesforce, "
            + "stripe, chargebee, recurly, paddle, zendesk, freshdesk, intercom, delighted, typeform, surveymonkey, qualtrics, "
            + "pipedrive, zoho, gocardless, shopify, woocommerce\n")
    }

    @Test func aFolderWithNothingReadableNamesEveryFileAndWhy() {
        let dir = Harness.temporaryDirectory("exports-nothing")
        Harness.write("Quarter,Total\nQ1,10\n", to: dir + "/pivot.csv")
        Harness.write("# notes\n", to: dir + "/README.md")
        let run = Harness.run(["report", "--input", dir, "--out", dir + "/r.html"])
        #expect(run.status == .inputError)
        #expect(run.err.hasPrefix("\(dir): error: no export files found"))
        #expect(run.err.contains("\n  \(dir)/README.md: not a .csv, .tsv or .txt export"))
        #expect(run.err.contains("\n  \(dir)/pivot.csv: its header matches no known export"))
    }

    @Test func paddleTransactionsReport() {
        let run = Self.report("paddle")
        #expect(run.status == .success, "\(run.err)")
        #expect(run.metrics["as_of"] as? String == "2024-07-01")  // Globex's renewal is the last billed transaction
        #expect(run.metrics["currency"] as? String == "USD")
        // Completed transactions, total − tax: Acme 3 × (176.40 − 29.40) = 441; Globex 2 × 1200 = 2400;
        // Initech 2 × 49 = 98; Umbrella 2 × (352.80 − 58.80) = 588; Hooli 100: 3627.
        #expect(run.revenue == 3627)
        // Acme (gaps 30, 31) and Initech (31) monthly, Umbrella quarterly (91), Globex annual (357);
        // Hooli paid once and takes the majority (monthly). Active: Acme (2024-06-05 + 61 days),
        // Globex, Umbrella (2024-04-20 + 122), Hooli (2024-06-20 + 61). Initech's last completed
        // transaction was 2024-02-15 (+ 61 days): churned. Vandelay and Stark never paid.
        #expect(run.activeAtAsOf == 4)
        #expect(run.churned == 1)
        let file = "transactions-2024-07-01.csv"
        #expect(run.skipped(file, "not_paid") == 3)   // past_due, draft, billed (an unpaid invoice)
        #expect(run.skipped(file, "cancelled") == 1)  // canceled
        #expect(run.input(file)?["source"] as? String == "Paddle transactions report")
        #expect(run.html.contains("In this data: 2 monthly, 1 quarterly, 1 annual from their own payments; "
            + "1 monthly, 0 quarterly, 0 annual from the majority."))
        let strict = Self.report("paddle", ["--strict"])
        #expect(strict.status == .success, "\(strict.err)")
    }

    @Test func intercomConversationsAndRatingsBesideStripe() {
        let run = Self.report("intercom")
        #expect(run.status == .success, "\(run.err)")
        // The last event is Intercom's last conversation (2024-06-27).
        Self.expectStripeSubscriptions(run, asOf: "2024-06-27")
        // Conversation ratings 5, 4, 2, 5, 3: satisfied (4 or 5) 3 of 5 = 0.6.
        let june = run.satisfaction("2024-06")
        #expect(june?["csat"] as? Double == 0.6)
        #expect(june?["csat_n"] as? Int == 5)
        // 7 conversations; first replies after 30, 60, 15, 30, 15 and 45 minutes (one never
        // replied): median 30 minutes = 0.5 hours; closed after 4, 6, 24, 2 and 1 hours: median 4.
        let support = run.support("2024-06")
        #expect(support?["tickets"] as? Int == 7)
        #expect(support?["first_response_median_hours"] as? Double == 0.5)
        #expect(support?["resolution_median_hours"] as? Double == 4)
        // Both Intercom files name companies, joined to Stripe's customers by name.
        #expect(run.input("intercom-conversations-2024-07-01.csv")?["source"] as? String == "Intercom conversations")
        #expect(run.input("intercom-csat-2024-07-01.csv")?["source"] as? String == "Intercom conversation ratings (CSAT)")
        #expect(run.input("intercom-csat-2024-07-01.csv")?["rows_used"] as? Int == 5)
        #expect(!run.err.contains("no customer in the customer file"), "\(run.err)")
    }

    @Test func recurlySubscriptionsAndAccounts() {
        // Headed as Recurly's export docs list the columns (`uuid`, `account_code`, `email`, …,
        // `activated_at`; `account_code`, `account_email`, …, `account_created_at`): the earlier
        // `subscription_*` names belong to the history export, which a real subscriptions export
        // does not match (see Tests/Fixtures/exports/SOURCES.md). Times are in the site's zone
        // as Recurly writes them ("2024-07-01 10:00:00 PDT" = 17:00 UTC, the same day).
        // A subscription start is not an event: without --as-of the report date would be Stark's
        // account creation (2024-06-30), the day before its subscription starts. So it is given.
        let run = Self.report("recurly", ["--as-of", "2024-07-01"])
        #expect(run.status == .success, "\(run.err)")
        // Stark starts on 2024-07-01 (the as-of); Initech expired on 2024-03-15.
        #expect(run.metrics["as_of"] as? String == "2024-07-01")
        #expect(run.activeAtAsOf == 5)
        #expect(run.churned == 1)
    }

    @Test func recurlyMRRFromCents() {
        let run = Self.report("recurly", ["--as-of", "2024-07-01"])  // Stark's start, as above
        // 4900 × 3 + 120000 ÷ 12 + 4900 × 2 + 120000 ÷ 12 + 4900 cents = 49,400 cents = 494.
        #expect(run.mrrAtAsOf == 494)
    }
}
