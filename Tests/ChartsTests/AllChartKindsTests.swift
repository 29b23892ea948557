import Testing
@testable import Charts

/// Properties every chart kind must have, checked on every kind at once.
@Suite struct AllChartKindsTests {
    static let hostile = "<script>alert(\"x\")</script> & 'q' \u{1}"
    /// (The shared escaper replaces the control character U+0001 with U+FFFD.)
    static let hostileEscaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; \u{FFFD}"

    /// Every kind drawn from `label` (as title, category, series and item names) with awkward
    /// numbers (thirds, sevenths) so coordinates need rounding.
    static func everyKind(label: String, prefix: String) -> [(kind: String, output: ChartOutput)] {
        let categories = ["2024-01", label, "2024-03", "2024-04"]
        let thirds: [Double?] = [1.0 / 3, 2.0 / 7, nil, 5.0 / 9]
        let line = LineChart(title: label, idPrefix: prefix + "-line", categories: categories, series: [
            .init(name: label, values: thirds, band: thirds.map { $0.map { Interval(lower: $0 / 3, upper: $0 * 1.1) } },
                  smallSample: [true]),
            .init(name: "Second", values: thirds.reversed()),
        ], format: .percent(decimals: 1))
        let column = ColumnChart(title: label, idPrefix: prefix + "-column", categories: categories, series: [
            .init(name: label, values: thirds.map { $0.map { $0 * 1000 } }), .init(name: "B", values: [-1.0 / 7, 3, 4, 5]),
        ], format: .currency(symbol: "$", decimals: 0), layout: .stacked)
        let bar = ColumnChart(title: label, idPrefix: prefix + "-bar", categories: categories, series: [
            .init(name: label, values: thirds), .init(name: "B", values: [2.0 / 3, -1.0 / 9, nil, 0.5]),
        ], format: .percent(decimals: 1), orientation: .horizontal)
        let heat = HeatMap(title: label, idPrefix: prefix + "-heat", rowLabels: [label, "b"], columnLabels: ["M0", label],
                           values: [[1, 2.0 / 3], [1.0 / 7]], format: .percent(decimals: 0))
        let waterfall = WaterfallChart(title: label, idPrefix: prefix + "-waterfall", startLabel: label, startValue: 1000.0 / 3,
                                       movements: [.init(label: label, value: 100.0 / 7), .init(label: "Churn", value: -200.0 / 3)],
                                       endLabel: "End", format: .currency(symbol: "€", decimals: 2))
        let step = StepChart(title: label, idPrefix: prefix + "-step", series: [
            .init(name: label, points: [.init(time: 0, value: 1), .init(time: 7, value: 2.0 / 3, band: Interval(lower: 0.5, upper: 0.8))],
                  censored: [1.0 / 3, 11]),
        ])
        let diverging = DivergingBarChart(title: label, idPrefix: prefix + "-diverging", categories: categories, segments: [
            .init(name: label, side: .negative, values: thirds), .init(name: "Passives", side: .neutral, values: thirds),
            .init(name: "Promoters", side: .positive, values: [0.1, 0.2, 0.3, 1.0 / 3]),
        ])
        let pareto = ParetoChart(title: label, idPrefix: prefix + "-pareto", items: [
            .init(label: label, value: 1.0 / 3), .init(label: "Price", value: 2.0 / 3), .init(label: "Other", value: 1.0 / 7),
        ], format: .plain(decimals: 2))
        let spark = Sparkline(title: label, idPrefix: prefix + "-sparkline", values: thirds, format: .percent(decimals: 1),
                              labels: categories)
        return [("line", line.render()), ("column", column.render()), ("bar", bar.render()), ("heat", heat.render()), ("waterfall", waterfall.render()),
                ("step", step.render()), ("diverging", diverging.render()), ("pareto", pareto.render()),
                ("sparkline", ChartOutput(svg: spark.render(), table: ""))]
    }

    /// Every kind with no data at all.
    static func everyKindEmpty() -> [(kind: String, output: ChartOutput)] {
        [("line", LineChart(title: "Empty", idPrefix: "e", categories: [], series: [], format: .plain(decimals: 0)).render()),
         ("line-nil", LineChart(title: "Empty", idPrefix: "e", categories: ["a"], series: [.init(name: "s", values: [nil])],
                                format: .plain(decimals: 0)).render()),
         ("column", ColumnChart(title: "Empty", idPrefix: "e", categories: [], series: [], format: .plain(decimals: 0)).render()),
         ("heat", HeatMap(title: "Empty", idPrefix: "e", rowLabels: [], columnLabels: [], values: [], format: .plain(decimals: 0)).render()),
         ("waterfall", WaterfallChart(title: "Empty", idPrefix: "e", startLabel: "S", startValue: 0, movements: [], endLabel: "E",
                                      format: .plain(decimals: 0)).render()),
         ("step", StepChart(title: "Empty", idPrefix: "e", series: [.init(name: "s", points: [])]).render()),
         ("diverging", DivergingBarChart(title: "Empty", idPrefix: "e", categories: [], segments: []).render()),
         ("pareto", ParetoChart(title: "Empty", idPrefix: "e", items: [], format: .plain(decimals: 0)).render()),
         ("sparkline", ChartOutput(svg: Sparkline(title: "Empty", idPrefix: "e", values: [], format: .plain(decimals: 0)).render(), table: ""))]
    }

    @Test func everyKindIsAWellFormedAccessibleRoundedSVG() {
        for (kind, output) in Self.everyKind(label: "Plain label", prefix: "p") {
            #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "p-" + kind) == [], "\(kind)")
            if kind != "sparkline" { #expect(MarkupInspection.commonTableProblems(output.table) == [], "\(kind)") }
        }
    }

    @Test func hostileLabelsAreEscapedInSVGAndTable() {
        for (kind, output) in Self.everyKind(label: Self.hostile, prefix: "h") {
            #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "h-" + kind) == [], "\(kind)")
            #expect(!output.svg.contains("<script"), "\(kind)")
            #expect(!output.svg.contains("\u{1}"), "\(kind)")
            #expect(output.svg.contains("<title id=\"h-\(kind)-title\">" + Self.hostileEscaped + "</title>"), "\(kind)")
            if kind != "sparkline" {
                #expect(MarkupInspection.commonTableProblems(output.table) == [], "\(kind)")
                #expect(!output.table.contains("<script"), "\(kind)")
                #expect(output.table.contains(Self.hostileEscaped), "\(kind)")
            }
        }
    }

    @Test func hostileIdPrefixesAreSanitised() {
        let svg = LineChart(title: "t", idPrefix: "a\"b <c>", categories: ["x"], series: [.init(name: "s", values: [1])],
                            format: .plain(decimals: 0)).render().svg
        #expect(MarkupInspection.commonSVGProblems(svg, idPrefix: "a-b--c-") == [])
    }

    @Test func emptyDataStillRendersWellFormedCharts() {
        for (kind, output) in Self.everyKindEmpty() {
            #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "e") == [], "\(kind)")
            let desc = MarkupInspection.content(of: "desc", in: output.svg) ?? ""
            #expect(desc.hasSuffix("no data.") || kind == "waterfall", "\(kind): \(desc)")
            if !output.table.isEmpty { #expect(MarkupInspection.commonTableProblems(output.table) == [], "\(kind)") }
        }
    }

    @Test func renderingIsDeterministic() {
        let first = Self.everyKind(label: "Same", prefix: "d")
        let second = Self.everyKind(label: "Same", prefix: "d")
        #expect(first.map(\.output) == second.map(\.output))
    }

    @Test func idsDoNotCollideBetweenChartsOnOnePage() {
        var all: [String] = []
        for (_, output) in Self.everyKind(label: "x", prefix: "one") + Self.everyKind(label: "x", prefix: "two") {
            all += MarkupInspection.attributeValues("id", in: output.svg)
        }
        #expect(all.count == Set(all).count)
        #expect(all.count == 2 * (9 * 3 + 1)) // root, title and desc per chart, plus the heat map's hatch, twice
    }
}
