import Testing
@testable import Charts

@Suite struct StepChartTests {
    static let survival = StepChart(
        title: "Customer survival", idPrefix: "km",
        series: [.init(name: "All", points: [.init(time: 10, value: 0.8), .init(time: 0, value: 1), .init(time: 20, value: 0.5)],
                       censored: [5, 15, 15, 25])])

    @Test func stepsAndCensorTicksLandOnTheCurve() {
        // y axis 0…100 % (labels up to "100%": left margin 4 × 6.6 + 12 = 38.4), plot y 260 … 12:
        // y(1) = 12, y(0.8) = 260 − 198.4 = 61.6, y(0.5) = 136.
        // x axis 0…25 days (step 5), plot x 38.4 … 620: x(t) = 38.4 + t × 23.264;
        // x(10) = 271.04, x(20) = 503.68; the last step runs on to the last censoring (25 → 620).
        let svg = Self.survival.render().svg
        #expect(MarkupInspection.commonSVGProblems(svg, idPrefix: "km") == [])
        #expect(svg.contains("<path class=\"line step series-1\" d=\"M38.4,12H271.04V61.6H503.68V136H620\" fill=\"none\"/>"))
        // One tick per distinct censoring time (15 twice → once), at the value holding then:
        // day 5 → 100 % (x 154.72), day 15 → 80 % (x 387.36), day 25 → 50 % (x 620); ±4 units.
        #expect(svg.contains("<path class=\"censor series-1\" d=\"M154.72,8V16M387.36,57.6V65.6M620,132V140\"/>"))
        #expect(svg.contains(">25</text>"))
        #expect(svg.contains(">Day</text>"))
        #expect(MarkupInspection.content(of: "desc", in: svg) == "Customer survival: 100.0% at day 0 to 50.0% at day 20, 4 censored.")
    }

    @Test func bandIsAStepPolygonAndTheTableCarriesValuesForward() {
        let chart = StepChart(title: "Survival", idPrefix: "s", series: [
            .init(name: "Monthly", points: [.init(time: 0, value: 1, band: Interval(lower: 1, upper: 1)),
                                            .init(time: 30, value: 0.9, band: Interval(lower: 0.85, upper: 0.95))]),
            .init(name: "Annual", points: [.init(time: 0, value: 1), .init(time: 60, value: 0.95)], censored: [90]),
        ])
        let output = chart.render()
        #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "s") == [])
        let band = try! #require(output.svg.firstMatch(of: #/<path class="band series-1" d="([^"]*)"/#)).output.1
        // Two steps × 2 corners on each edge = 8 corners: M + 7 L, closed.
        #expect(band.filter { $0 == "L" }.count == 7)
        #expect(band.hasSuffix("Z"))
        #expect(output.svg.contains("<line class=\"legend-line series-2\""))
        #expect(MarkupInspection.commonTableProblems(output.table) == [])
        #expect(output.table.contains("<caption>Survival (censored: Monthly 0, Annual 1)</caption>"))
        #expect(output.table.contains("<th scope=\"col\">Day</th><th scope=\"col\">Monthly</th><th scope=\"col\">Monthly (lower)</th><th scope=\"col\">Monthly (upper)</th><th scope=\"col\">Annual</th>"))
        // Day 60: Monthly still holds its day-30 step (90.0 %, 85.0–95.0 %).
        #expect(output.table.contains("<tr><th scope=\"row\">60</th><td class=\"num\">90.0%</td><td class=\"num\">85.0%</td><td class=\"num\">95.0%</td><td class=\"num\">95.0%</td></tr>"))
    }

    @Test func valueHoldingAtATime() {
        let steps = StepChartTests.survival.steps(StepChartTests.survival.series[0])
        #expect(steps.map(\.time) == [0, 10, 20])
        #expect(StepChart.value(at: 9.99, in: steps) == 1)
        #expect(StepChart.value(at: 10, in: steps) == 0.8)
        #expect(StepChart.value(at: 400, in: steps) == 0.5)
    }
}

@Suite struct DivergingBarChartTests {
    static let nps = DivergingBarChart(title: "NPS", idPrefix: "nps", categories: ["Q1", "Q2"], segments: [
        .init(name: "Detractors", side: .negative, values: [0.2, 0.1]),
        .init(name: "Passives", side: .neutral, values: [0.3, 0.4]),
        .init(name: "Promoters", side: .positive, values: [0.5, 0.5]),
    ])

    @Test func neutralSegmentsStraddleZero() {
        let svg = Self.nps.render().svg
        #expect(MarkupInspection.commonSVGProblems(svg, idPrefix: "nps") == [])
        // Per period: detractors 1, passives split in 2, promoters 1.
        #expect(MarkupInspection.count("<rect class=\"bar negative segment-1 shade-1\"", in: svg) == 2)
        #expect(MarkupInspection.count("<rect class=\"bar neutral segment-2 shade-1\"", in: svg) == 4)
        #expect(MarkupInspection.count("<rect class=\"bar positive segment-3 shade-1\"", in: svg) == 2)
        // Extents −0.35…0.7 → axis −40 %…80 % in 20 % steps; below zero the labels are distances.
        #expect(MarkupInspection.count(">40%</text>", in: svg) == 2)
        #expect(!svg.contains(">-"))
        #expect(MarkupInspection.content(of: "desc", in: svg)
            == "NPS from Q1 to Q2; latest (Q2): Detractors 10%, Passives 40%, Promoters 50%, net +40%; net highest +40% in Q2, lowest +30% in Q1.")
    }

    @Test func tableShowsSharesAndNet() {
        let table = Self.nps.render().table
        #expect(MarkupInspection.commonTableProblems(table) == [])
        #expect(table.contains("<tr><th scope=\"row\">Q1</th><td class=\"num\">20%</td><td class=\"num\">30%</td><td class=\"num\">50%</td><td class=\"num\">+30%</td></tr>"))
    }
}

@Suite struct ParetoChartTests {
    static let reasons = ParetoChart(title: "Churn reasons", idPrefix: "why", items: [
        .init(label: "A", value: 10), .init(label: "B", value: 30), .init(label: "C", value: 20), .init(label: "D", value: 40),
    ], format: .plain(decimals: 0))

    @Test func barsAreSortedAndTheCumulativeLineRises() {
        let output = Self.reasons.render()
        #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "why") == [])
        #expect(Self.reasons.sortedItems.map(\.label) == ["D", "B", "C", "A"])
        // Cumulative: 40, 70, 90, 100 of 100.
        #expect(Self.reasons.cumulativeShares == [0.4, 0.7, 0.9, 1])
        #expect(MarkupInspection.count("<rect class=\"bar series-1\"", in: output.svg) == 4)
        let line = try! #require(output.svg.firstMatch(of: #/<path class="line cumulative" d="([^"]*)"/#)).output.1
        #expect(line.filter { $0 == "L" }.count == 3)
        #expect(output.svg.contains("<line class=\"reference\""))
        #expect(MarkupInspection.content(of: "desc", in: output.svg)
            == "Churn reasons: 4 items, total 100; largest D 40 (40%); the first 3 items make up 90%.")
        #expect(MarkupInspection.commonTableProblems(output.table) == [])
        #expect(output.table.contains("<tr><th scope=\"row\">B</th><td class=\"num\">30</td><td class=\"num\">30.0%</td><td class=\"num\">70.0%</td></tr>"))
    }

    @Test func equalValuesKeepTheirGivenOrder() {
        let chart = ParetoChart(title: "Ties", idPrefix: "t", items: [.init(label: "x", value: 1), .init(label: "y", value: 2),
                                                                       .init(label: "z", value: 1), .init(label: "w", value: .nan)],
                                format: .plain(decimals: 0))
        #expect(chart.sortedItems.map(\.label) == ["y", "x", "z", "w"])
    }
}

@Suite struct SparklineTests {
    @Test func tinyLineWithoutAxesBreaksAtGaps() {
        // x: 3.5 + i × 113 / 3; y: values 1…4 onto 28.5…3.5.
        // (0, 1) → (3.5, 28.5); (1, 2) → (41.17, 20.17); (3, 4) → (116.5, 3.5).
        let svg = Sparkline(title: "MRR", idPrefix: "spark", values: [1, 2, nil, 4], format: .plain(decimals: 1),
                            labels: ["Jan", "Feb", "Mar", "Apr"], smallSample: [false, true]).render()
        #expect(MarkupInspection.commonSVGProblems(svg, idPrefix: "spark") == [])
        #expect(svg.contains("class=\"chart chart-sparkline\" viewBox=\"0 0 120 32\""))
        #expect(svg.contains("<path class=\"line series-1\" d=\"M3.5,28.5L41.17,20.17M116.5,3.5\" fill=\"none\"/>"))
        #expect(svg.contains("<circle class=\"point series-1 last\" cx=\"116.5\" cy=\"3.5\""))
        #expect(svg.contains("<circle class=\"point series-1 small-sample\" cx=\"41.17\""))
        #expect(!svg.contains("axis"))
        #expect(MarkupInspection.content(of: "desc", in: svg) == "MRR: latest 4.0 in Apr, from 1.0 in Jan; 3 points, highest 4.0 in Apr.")
    }
}
