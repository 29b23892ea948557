import Charts
import Metrics
import Model
import Mustache

/// Satisfaction: CSAT trend with Wilson bands, NPS mix (detractors / passives / promoters), the
/// per-period table with intervals and sample sizes, breakdown by plan, detractor comments and
/// promoters to thank.
struct SatisfactionSection {
    let analysis: RetentionAnalysis
    let periods: ReportPeriods
    let format: ReportFormatter
    let granularityWord: String

    func context() -> MustacheValue? {
        guard let trend = analysis.satisfaction, trend.overall.responseCount > 0 else { return nil }
        let byIndex = Dictionary(trend.periods.map { ($0.period.index, $0) }, uniquingKeysWith: { a, _ in a })
        let window = periods.trend.map { ($0, byIndex[$0.index]?.scores ?? SatisfactionScores()) }
        var object: [String: MustacheValue] = [:]
        let overall = trend.overall
        var summary: [String] = []
        if let csat = overall.csat {
            summary.append("CSAT \(format.percent(csat)) over \(format.integer(overall.csatN)) ratings")
        }
        if let nps = overall.nps {
            summary.append("NPS \(format.number(nps)) over \(format.integer(overall.npsN)) answers")
        }
        if let ces = overall.ces {
            summary.append("CES \(format.number(ces, decimals: 1)) over \(format.integer(overall.cesN)) answers")
        }
        object["summary"] = .string("Last \(periods.trend.count) \(granularityWord)s: " + summary.joined(separator: "; ")
            + ". Bands are 95 % intervals; hollow points and marked rows have fewer than 30 responses.")
        let labels = window.map(\.0.label)
        if overall.csatN > 0 {
            object["trend"] = ChartView(LineChart(
                title: "CSAT per \(granularityWord) (share of ratings 4–5)", idPrefix: "csat-trend", categories: labels,
                series: [LineChart.Series(
                    name: "CSAT", values: window.map(\.1.csat),
                    band: window.map { s in s.1.csatInterval.map { Interval(lower: $0.lower, upper: $0.upper) } },
                    smallSample: window.map { $0.1.csatN > 0 && $0.1.csatIsSmallSample })],
                format: .percent(decimals: 0), includeZero: false).render()).context
        }
        if overall.npsN > 0 {
            func share(_ count: (SatisfactionScores) -> Int) -> [Double?] {
                window.map { $0.1.npsN > 0 ? Double(count($0.1)) / Double($0.1.npsN) : nil }
            }
            object["nps_mix"] = ChartView(DivergingBarChart(
                title: "NPS answers per \(granularityWord): detractors, passives, promoters", idPrefix: "nps-mix",
                categories: labels,
                segments: [.init(name: "Detractors (0–6)", side: .negative, values: share(\.detractors)),
                           .init(name: "Passives (7–8)", side: .neutral, values: share(\.passives)),
                           .init(name: "Promoters (9–10)", side: .positive, values: share(\.promoters))]).render()).context
        }
        object["table"] = periodTable(window).context
        let shown = analysis.scoreDistributions.filter { $0.total > 0 && ($0.kind == .nps || $0.kind == .csat) }
        if !shown.isEmpty {
            object["distributions"] = .list(shown.map { ChartView(distributionChart($0)).context })
        }
        if let plan = analysis.satisfactionBreakdowns.first(where: { $0.attribute == "plan" && $0.segments.count > 1 })
            ?? analysis.satisfactionBreakdowns.first(where: { $0.segments.count > 1 }) {
            object["segments"] = segmentTable(plan).context
        }
        let comment = { (c: SurveyComment) -> MustacheValue in
            var o: [String: MustacheValue] = ["customer": .string(c.customerName), "date": .string(c.day.description),
                                              "score": .int(c.score)]
            if let text = c.comment { o["comment"] = .string(text) }
            return .object(o)
        }
        object["has_detractors"] = .bool(!analysis.detractorComments.isEmpty)
        object["detractors"] = .list(analysis.detractorComments.map(comment))
        object["has_promoters"] = .bool(!analysis.promotersToThank.isEmpty)
        object["promoters"] = .list(analysis.promotersToThank.map(comment))
        return .object(object)
    }

    private func distributionChart(_ d: ScoreDistribution) -> ChartOutput {
        let name = d.kind == .nps ? "NPS" : "CSAT"
        return ColumnChart(
            title: "\(name) answers by score, last 12 months (\(format.integer(d.total)) answers)",
            idPrefix: "distribution-\(d.kind.rawValue)", categories: d.bars.map { String($0.score) },
            series: [.init(name: "Answers", values: d.bars.map { Double($0.count) })],
            format: .plain(decimals: 0), categoryTitle: "Score").render()
    }

    private func periodTable(_ window: [(Period, SatisfactionScores)]) -> TableView {
        let dash = TableView.Cell("–")
        return TableView(
            caption: "Satisfaction per \(granularityWord)",
            columns: ["Period", "CSAT", "95 % interval", "Ratings", "NPS", "± margin", "Answers", "CES", "Answers"]
                .map { TableView.Column($0) },
            rows: window.map { period, s in
                let small = (s.csatN > 0 && s.csatIsSmallSample) || (s.npsN > 0 && s.npsIsSmallSample)
                return TableView.Row(header: period.label, cells: [
                    s.csat.map { TableView.Cell(format.percent($0)) } ?? dash,
                    s.csatInterval.map { TableView.Cell(format.percent($0.lower) + " – " + format.percent($0.upper)) } ?? dash,
                    TableView.Cell(format.integer(s.csatN), cssClass: s.csatN > 0 && s.csatIsSmallSample ? "small-sample" : ""),
                    s.nps.map { TableView.Cell(format.number($0)) } ?? dash,
                    s.npsMoe.map { TableView.Cell("±" + format.number($0)) } ?? dash,
                    TableView.Cell(format.integer(s.npsN), cssClass: s.npsN > 0 && s.npsIsSmallSample ? "small-sample" : ""),
                    s.ces.map { TableView.Cell(format.number($0, decimals: 1)) } ?? dash,
                    TableView.Cell(format.integer(s.cesN)),
                ], cssClass: small ? "small-sample" : "")
            })
    }

    private func segmentTable(_ breakdown: SatisfactionBreakdown) -> TableView {
        TableView(
            caption: "Satisfaction by \(breakdown.attribute), last 12 months",
            columns: [breakdown.attribute.capitalized, "CSAT", "Ratings", "NPS", "± margin", "Answers"].map { TableView.Column($0) },
            rows: breakdown.segments.map { seg in
                let s = seg.scores
                return TableView.Row(header: seg.value, cells: [
                    TableView.Cell(s.csat.map { format.percent($0) } ?? "–"), TableView.Cell(format.integer(s.csatN)),
                    TableView.Cell(s.nps.map { format.number($0) } ?? "–"),
                    TableView.Cell(s.npsMoe.map { "±" + format.number($0) } ?? "–"), TableView.Cell(format.integer(s.npsN)),
                ])
            })
    }
}
