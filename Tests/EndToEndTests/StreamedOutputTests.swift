import Foundation
import Testing
import Ingest
import Metrics
import Model
import Mustache
@testable import Report

/// The outputs written as they are produced give what the values they replace gave.
@Suite struct StreamedOutputTests {
    @Test func metricsJSONStreamedInPiecesIsTheDocumentValuesText() throws {
        // The sample has subscriptions, invoices, surveys and tickets: every section of the document.
        let (analysis, dataset) = try SampleMetricsTests.analysis()
        let report = RetentionReport(analysis: analysis, dataset: dataset, options: ReportOptions())
        var pieces: [[UInt8]] = []
        MetricsDocument.write(analysis: analysis, dataset: dataset, report: report, title: "t", generator: "g",
                              pieceSize: 4096) { (piece: [UInt8]) -> Void in pieces.append(piece) }
        let streamed = Array(pieces.joined())
        let value = MetricsDocument.value(analysis: analysis, dataset: dataset, report: report, title: "t", generator: "g")
        #expect(streamed == Array((value.jsonText(pretty: true) + "\n").utf8))
        #expect(String(decoding: streamed, as: UTF8.self)
                == MetricsDocument.json(analysis: analysis, dataset: dataset, report: report, title: "t", generator: "g"))
        #expect(pieces.count > 10 && pieces.dropLast().allSatisfy { $0.count >= 4096 })
        guard case .object(let root) = value else { Issue.record("not an object"); return }
        #expect(["mrr", "satisfaction", "support", "cohort_segments"].allSatisfy { root[$0] != nil })
    }

    @Test func windowFiguresTakenFromTheHistoryEqualTheirOwnComputation() throws {
        let (analysis, dataset) = try SampleMetricsTests.analysis()
        let configuration = analysis.configuration
        let calendar = configuration.calendar
        let trendStart = calendar.period(index: calendar.period(containing: configuration.asOf).index - 11).start
        let sla = SupportSLA.windowAndHistory(dataset, configuration, windowStart: trendStart)
        #expect(sla.window == SupportSLA.compute(dataset, configuration, from: trendStart))
        #expect(sla.history == SupportSLA.compute(dataset, configuration))
        #expect(sla.window.periods.count == 12 && sla.history.periods.count > 12)
        // A window reaching before the first ticket: its early periods are empty, not taken from the history.
        let early = Day(iso: "2020-01-01")!
        #expect(SupportSLA.windowAndHistory(dataset, configuration, windowStart: early).window
                == SupportSLA.compute(dataset, configuration, from: early))

        let history = analysis.churn.periods.map(\.period)
        let reasons = ChurnReasonBreakdown.windowAndHistory(ledger: analysis.ledger, periods: 12, history: history)
        #expect(reasons.window == ChurnReasonBreakdown(ledger: analysis.ledger, periods: 12))
        #expect(reasons.history == ChurnReasonBreakdown(ledger: analysis.ledger, window: history))
        #expect(reasons.window.total > 0 && reasons.history.total > reasons.window.total)
        #expect(analysis.churnReasons == reasons.window && analysis.supportHistory == sla.history)
    }
}
