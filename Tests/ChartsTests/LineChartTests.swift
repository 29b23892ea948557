import Testing
@testable import Charts

@Suite struct LineChartTests {
    static let threeMonths = ["2024-01", "2024-02", "2024-03"]

    static func churnChart() -> LineChart {
        LineChart(title: "Monthly logo churn", idPrefix: "churn", categories: threeMonths,
                  series: [.init(name: "Logo churn", values: [0.031, 0.041, 0.023])], format: .percent(decimals: 1))
    }

    @Test func svgIsAnAccessibleImageWithGeneratedDescription() {
        let output = Self.churnChart().render()
        #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "churn") == [])
        #expect(output.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"churn\" class=\"chart chart-line\" viewBox=\"0 0 640 300\" role=\"img\" aria-labelledby=\"churn-title churn-desc\">"))
        #expect(MarkupInspection.content(of: "title", in: output.svg) == "Monthly logo churn")
        #expect(MarkupInspection.content(of: "desc", in: output.svg)
            == "Monthly logo churn from 2024-01 to 2024-03; highest 4.1% in 2024-02, lowest 2.3% in 2024-03, latest 2.3%.")
    }

    @Test func pointsLandOnTheScale() {
        // Axis 0…5 % (step 1 %: [0, 0.041] has 6 ticks), labels "0%"…"5%" → left margin 28.
        // Plot x 28…624 (3 bands of 198.67, centres 127.33, 326, 524.67), y 272 (0) … 12 (5 %):
        // y(3.1 %) = 272 − 0.62 × 260 = 110.8; y(4.1 %) = 272 − 213.2 = 58.8; y(2.3 %) = 272 − 119.6 = 152.4.
        let svg = Self.churnChart().render().svg
        #expect(svg.contains("<path class=\"line series-1\" d=\"M127.33,110.8L326,58.8L524.67,152.4\" fill=\"none\"/>"))
        #expect(MarkupInspection.count("<line class=\"grid", in: svg) == 6)
        #expect(svg.contains(">5%</text>"))
        #expect(MarkupInspection.count("<circle class=\"point series-1\"", in: svg) == 3)
    }

    @Test func gapsBreakTheLineAndBandsSmallSamplesGetHollowMarkers() {
        let chart = LineChart(
            title: "NRR", idPrefix: "nrr", categories: ["Q1", "Q2", "Q3", "Q4"],
            series: [.init(name: "NRR", values: [0.02, nil, 0.03, 0.04],
                           band: [Interval(lower: 0.01, upper: 0.03), nil, Interval(lower: 0.02, upper: 0.04), Interval(lower: 0.03, upper: 0.05)],
                           smallSample: [false, false, false, true])],
            format: .percent(decimals: 0))
        let svg = chart.render().svg
        #expect(MarkupInspection.commonSVGProblems(svg, idPrefix: "nrr") == [])
        let lines = MarkupInspection.attributeValues("d", in: svg)
        // Band: a box around the lone Q1 point and one polygon over Q3–Q4.
        let band = try! #require(svg.firstMatch(of: #/<path class="band series-1" d="([^"]*)"/#)).output.1
        #expect(band.filter { $0 == "M" }.count == 2)
        #expect(band.filter { $0 == "Z" }.count == 2)
        // Line: only Q3–Q4 are neighbours.
        let line = try! #require(svg.firstMatch(of: #/<path class="line series-1" d="([^"]*)"/#)).output.1
        #expect(line.filter { $0 == "M" }.count == 1)
        #expect(line.filter { $0 == "L" }.count == 1)
        #expect(lines.count >= 2)
        #expect(MarkupInspection.count("<circle class=\"point series-1\"", in: svg) == 2)
        #expect(MarkupInspection.count("<circle class=\"point series-1 small-sample\"", in: svg) == 1)
        #expect(MarkupInspection.content(of: "desc", in: svg)
            == "NRR from Q1 to Q4; highest 4% in Q4, lowest 2% in Q1, latest 4% (1 point from a small sample).")
    }

    @Test func tableHasExactNumbersBandsAndSmallSampleMarks() {
        let chart = LineChart(title: "Churn", idPrefix: "c", categories: ["2024-01", "2024-02"],
                              series: [.init(name: "Logo", values: [0.0412, nil], band: [Interval(lower: 0.03, upper: 0.05), nil],
                                             smallSample: [true])],
                              format: .percent(decimals: 1))
        let table = chart.render().table
        #expect(MarkupInspection.commonTableProblems(table) == [])
        #expect(table == "<table class=\"chart-data\"><caption>Churn (\u{2020} small sample)</caption><thead><tr>"
            + "<th scope=\"col\">Period</th><th scope=\"col\">Logo</th><th scope=\"col\">Logo (lower)</th><th scope=\"col\">Logo (upper)</th>"
            + "</tr></thead><tbody>"
            + "<tr><th scope=\"row\">2024-01</th><td class=\"num small-sample\">4.1%&#160;\u{2020}</td><td class=\"num\">3.0%</td><td class=\"num\">5.0%</td></tr>"
            + "<tr><th scope=\"row\">2024-02</th><td class=\"num\">\u{2014}</td><td class=\"num\">\u{2014}</td><td class=\"num\">\u{2014}</td></tr>"
            + "</tbody></table>")
    }

    @Test func manyPeriodsShowEveryNthLabelEndingWithTheLatest() {
        // 36 labels of 7 characters need 7 × 6.6 + 8 = 54.2 units; the 596-unit plot fits 10,
        // so every 4th label (ceil(36 / 10)) is shown: indices 3, 7, …, 35 → 9 labels.
        var months: [String] = []
        for year in 2024...2026 { for month in 1...12 { months.append("\(year)-" + (month < 10 ? "0" : "") + "\(month)") } }
        let chart = LineChart(title: "Churn", idPrefix: "c", categories: months,
                              series: [.init(name: "Logo", values: months.map { _ in 0.02 })], format: .percent(decimals: 1))
        let svg = chart.render().svg
        #expect(MarkupInspection.count("text-anchor=\"middle\">20", in: svg) == 9)
        #expect(svg.contains(">2026-12</text>"))
        #expect(svg.contains(">2024-04</text>"))
        #expect(!svg.contains(">2024-01</text>"))
    }

    @Test func severalSeriesGetALegendAndDistinctClasses() {
        let chart = LineChart(title: "Churn", idPrefix: "c", categories: Self.threeMonths,
                              series: [.init(name: "Logo", values: [0.01, 0.02, 0.03]), .init(name: "Revenue", values: [0.02, 0.01, nil])],
                              format: .percent(decimals: 1))
        let output = chart.render()
        #expect(output.svg.contains("<line class=\"legend-line series-1\""))
        #expect(output.svg.contains("<line class=\"legend-line series-2\""))
        #expect(output.svg.contains("<path class=\"line series-2\""))
        #expect(MarkupInspection.content(of: "desc", in: output.svg)
            == "Churn from 2024-01 to 2024-03; Logo: highest 3.0% in 2024-03, lowest 1.0% in 2024-01, latest 3.0%; "
            + "Revenue: highest 2.0% in 2024-01, lowest 1.0% in 2024-02, latest 1.0% in 2024-02.")
    }

    @Test func valuesBeyondTheCategoriesAreIgnored() {
        // Three categories, five values: the 9 and 10 have no period and are neither drawn nor described.
        let chart = LineChart(title: "Churn", idPrefix: "c", categories: Self.threeMonths,
                              series: [.init(name: "Logo", values: [1, 2, 3, 9, 10], smallSample: [true, false, false, true, true])],
                              format: .plain(decimals: 0))
        let output = chart.render()
        #expect(MarkupInspection.count("<circle ", in: output.svg) == 3)
        #expect(MarkupInspection.content(of: "desc", in: output.svg)
            == "Churn from 2024-01 to 2024-03; highest 3 in 2024-03, lowest 1 in 2024-01, latest 3 (1 point from a small sample).")
        #expect(MarkupInspection.count("<tr>", in: output.table) == 4)
    }
}
