import Foundation
import Testing
import Metrics
import Model
import Mustache
@testable import Report

/// The view model through the default templates: exact markup of the pieces a reader relies on.
@Suite struct RenderedSectionTests {
    static let templates: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Templates"
    }()

    func render(_ name: String, _ context: MustacheValue) throws -> String {
        try ReportRenderer(userTemplates: nil, defaultTemplates: Self.templates).render(context, templateNamed: name)
    }

    @Test func dataTableEscapesAndMarksCells() throws {
        let table = TableView(caption: "Cohorts <all>", columns: [.init("Cohort"), .init("k = 0"), .init("k = 1")],
                              rows: [.init(header: "2026-10", cells: [.init("100%", cssClass: "heat-10", title: "5 of 5"),
                                                                      .init("", cssClass: "immature")])])
        #expect(try render("data-table", table.context) == """
        <div class="table-wrap">
        <table class="data ">
        <caption>Cohorts &lt;all&gt;</caption>
        <thead>
        <tr><th scope="col" class="">Cohort</th><th scope="col" class="">k = 0</th><th scope="col" class="">k = 1</th></tr>
        </thead>
        <tbody>
        <tr class=""><th scope="row">2026-10</th><td class="heat-10" title="5 of 5">100%</td><td class="immature"></td></tr>
        </tbody>
        </table>
        </div>

        """)
    }

    @Test func unreachedCohortCellsAreBlankNeverZero() throws {
        let (analysis, dataset) = ChurnStepFixture.analysis(septemberChurn: 2, octoberChurn: 20)
        let report = RetentionReport(analysis: analysis, dataset: dataset, options: ReportOptions())
        let full = try render("cohorts", report.context)
        let html = full.components(separatedBy: "<figure").first!
        // One cohort (2025-01, 100 customers) observed for 23 months (k = 0 … 22); the empty
        // cohorts after it are not shown, and the table shows k = 0 … 12, all reached.
        #expect(html.contains("<tr class=\"\"><th scope=\"row\">2025-01</th><td class=\"\">100</td><td class=\"heat-10\" title=\"100 of 100 customers\">100%</td>"))
        #expect(!html.contains(">0%<"))
        #expect(full.contains("Blank cells are periods the cohort has not reached yet, never 0 %."))
    }

    @Test func churnFlowsTableAddsUpAndNeverPaidIsInTheDataQualityAppendix() throws {
        // 100 customers; 2 leave in September, 20 in October; plus one sign-up without a
        // subscription (a CRM cancellation date alone does not make a customer).
        var dataset = ChurnStepFixture.dataset(septemberChurn: 2, octoberChurn: 20)
        dataset.customers.append(Customer(id: "lead", signup: Day(iso: "2026-03-01")!, churnDate: Day(iso: "2026-06-01")!))
        let analysis = RetentionAnalysis(dataset: dataset, configuration: MetricsConfiguration(
            asOf: ChurnStepFixture.asOf, cohortBasis: .signup))
        let report = RetentionReport(analysis: analysis, dataset: dataset, options: ReportOptions())
        let churn = try render("churn", report.context)
        // October: 98 at start − 20 churned + 0 joined + 0 reactivated = 78; 20/98 = 20.4 %, CRR 79.6 %.
        #expect(churn.contains("<tr class=\"\"><th scope=\"row\">2026-10</th><td class=\"\">98</td><td class=\"\">20</td>"
            + "<td class=\"\">0</td><td class=\"\">0</td><td class=\"\">78</td><td class=\"\">20.4%</td><td class=\"\">79.6%</td></tr>"))
        let quality = try render("data-quality", report.context)
        #expect(quality.contains("<p class=\"never-paid\">Signed up, never paid: <strong>1</strong> — customers who signed up on or before\n2026-11-15 with no paid subscription or order by then."))
        let json = MetricsDocument.json(analysis: analysis, dataset: dataset, report: report, title: "t", generator: "g")
        #expect(json.contains("\n  \"signed_up_never_paid\": 1,\n"))
        #expect(analysis.cohorts.customersCounted == 100 && analysis.survival.subjects == 100)
    }

    @Test func metricsJSONCarriesExactChurnFigures() throws {
        let (analysis, dataset) = ChurnStepFixture.analysis(septemberChurn: 2, octoberChurn: 20)
        let report = RetentionReport(analysis: analysis, dataset: dataset, options: ReportOptions())
        let value = MetricsDocument.value(analysis: analysis, dataset: dataset, report: report, title: "t", generator: "g")
        guard case .object(let root) = value, case .list(let churn)? = root["churn"] else {
            Issue.record("no churn list")
            return
        }
        let october = churn.first { if case .object(let o) = $0 { return o["period"] == .string("2026-10") }; return false }
        // Full precision: rate = 20/98 and CRR = 78/98 as the doubles themselves, not rounded;
        // 98 − 20 + 0 joined + 0 reactivated = 78.
        #expect(october == .object([
            "period": "2026-10", "active_start": 98, "churned": 20, "voluntary": 20, "involuntary": 0, "joined": 0,
            "reactivated": 0, "active_end": 78, "rate": .double(20.0 / 98), "retention_rate": .double(78.0 / 98),
            "mrr_lost": .double(2000), "incomplete": false,
        ]))
        let text = MetricsDocument.json(analysis: analysis, dataset: dataset, report: report, title: "t", generator: "g")
        #expect(text.contains("\"rate\": 0.20408163265306123,"))
        #expect(root["as_of"] == "2026-11-15")
        guard case .object(let headline)? = root["headline"] else {
            Issue.record("no headline object")
            return
        }
        #expect(headline["MRR"] == .string("$7,800"))
    }
}
