import Testing
@testable import Charts

@Suite struct ColumnChartTests {
    static func signups(_ layout: ColumnChart.Layout) -> ColumnChart {
        ColumnChart(title: "Signups", idPrefix: "signups", categories: ["Q1", "Q2", "Q3"],
                    series: [.init(name: "A", values: [10, 20, nil]), .init(name: "B", values: [5, -5, 3], smallSample: [false, false, true])],
                    format: .plain(decimals: 0), layout: layout)
    }

    @Test func groupedDrawsOneBarPerPresentValue() {
        let output = Self.signups(.grouped).render()
        #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "signups") == [])
        #expect(MarkupInspection.count("<rect class=\"bar ", in: output.svg) == 5)
        #expect(MarkupInspection.count("<rect class=\"bar series-2 small-sample\"", in: output.svg) == 1)
        #expect(MarkupInspection.content(of: "desc", in: output.svg)
            == "Signups from Q1 to Q3; A: highest 20 in Q2, lowest 10 in Q1, latest 20 in Q2; B: highest 5 in Q1, lowest -5 in Q2, latest 3.")
    }

    @Test func stackedPutsNegativesBelowZero() {
        // Stack extents: Q1 0…15, Q2 −5…20, Q3 0…3 → axis −5…20 in steps of 5 (6 ticks).
        // Plot y 272 (−5) … 36 (20; legend row 18 + gaps): 9.44 units per unit, zero at 224.8.
        // Q2 band: step 596 / 3 = 198.67, band width 149, starting at 326 − 74.5 = 251.5.
        // B's −5 in Q2 runs from zero (224.8) down to 272: height 47.2.
        let svg = Self.signups(.stacked).render().svg
        #expect(MarkupInspection.commonSVGProblems(svg, idPrefix: "signups") == [])
        #expect(svg.contains("<rect class=\"bar series-2\" x=\"251.5\" y=\"224.8\" width=\"149\" height=\"47.2\"/>"))
        // A's 20 in Q2 from zero up to y(20) = 36: height 188.8.
        #expect(svg.contains("<rect class=\"bar series-1\" x=\"251.5\" y=\"36\" width=\"149\" height=\"188.8\"/>"))
        #expect(MarkupInspection.count("<rect class=\"bar ", in: svg) == 5)
        #expect(MarkupInspection.content(of: "desc", in: svg)
            == "Signups from Q1 to Q3; total highest 15 in Q1, lowest 3 in Q3, latest 3; A: highest 20 in Q2, lowest 10 in Q1, latest 20 in Q2; "
            + "B: highest 5 in Q1, lowest -5 in Q2, latest 3.")
    }

    @Test func stackedTableHasATotalColumn() {
        let table = Self.signups(.stacked).render().table
        #expect(MarkupInspection.commonTableProblems(table) == [])
        #expect(table.contains("<th scope=\"col\">Total</th>"))
        #expect(table.contains("<tr><th scope=\"row\">Q2</th><td class=\"num\">20</td><td class=\"num\">-5</td><td class=\"num\">15</td></tr>"))
        #expect(table.contains("<tr><th scope=\"row\">Q3</th><td class=\"num\">\u{2014}</td><td class=\"num small-sample\">3&#160;\u{2020}</td><td class=\"num\">3</td></tr>"))
    }

    @Test func horizontalBarsGrowFromLabelsOnTheLeft() {
        // Axis 0…12 in steps of 2; left margin for "Missing feature": 15 × 6.6 + 12 = 111;
        // right edge 640 − 16 − half of "12" (6.6) = 617.4 → 506.4 / 12 = 42.2 units per unit.
        // Height 132: plot y 12…104, three bands of 30.67, 23 thick; band 1 starts at 12 + 46 − 11.5 = 46.5.
        var chart = ColumnChart(title: "Reasons", idPrefix: "why", categories: ["Price", "Missing feature", "Support"],
                                series: [.init(name: "Churned", values: [12, 7, 3])], format: .plain(decimals: 0),
                                orientation: .horizontal, categoryTitle: "Reason")
        chart.height = 132
        let output = chart.render()
        #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "why") == [])
        #expect(output.svg.contains("class=\"chart chart-bar grouped\""))
        #expect(output.svg.contains("<rect class=\"bar series-1\" x=\"111\" y=\"46.5\" width=\"295.4\" height=\"23\"/>"))
        #expect(output.svg.contains("<text class=\"tick-label\" x=\"105\" y=\"62\" text-anchor=\"end\">Missing feature</text>"))
        #expect(MarkupInspection.count("<rect class=\"bar ", in: output.svg) == 3)
        #expect(output.table.contains("<th scope=\"col\">Reason</th>"))
    }
}

@Suite struct HeatMapTests {
    static func cohorts(domain: Interval? = nil) -> HeatMap {
        HeatMap(title: "Cohort retention", idPrefix: "coh", rowLabels: ["2024-01", "2024-02", "2024-03"],
                columnLabels: ["M0", "M1", "M2"], values: [[1, 0.9, 0.8], [1, 0.85], [1]],
                format: .percent(decimals: 0), smallSample: [[false, false, true]], colorDomain: domain)
    }

    @Test func notReachedCellsAreHatchedNeverZero() {
        let output = Self.cohorts().render()
        #expect(MarkupInspection.commonSVGProblems(output.svg, idPrefix: "coh") == [])
        #expect(MarkupInspection.count("<rect class=\"cell ", in: output.svg) == 9)
        #expect(MarkupInspection.count("<rect class=\"cell immature\"", in: output.svg) == 3)
        #expect(MarkupInspection.count("fill=\"url(#coh-hatch)\"", in: output.svg) == 4) // 3 cells + legend swatch
        #expect(output.svg.contains("<defs><pattern id=\"coh-hatch\""))
        #expect(!output.svg.contains(">0%<"))
        #expect(MarkupInspection.count("<text class=\"cell-label", in: output.svg) == 6)
        #expect(MarkupInspection.content(of: "desc", in: output.svg)
            == "Cohort retention: 3 rows (2024-01 to 2024-03) by 3 columns (M0 to M2); highest 100% (2024-01, M0), "
            + "lowest 80% (2024-01, M2); 3 cells not reached yet.")
    }

    @Test func shadesSpanTheDataOrTheGivenDomain() {
        // Data domain 0.8…1 in 7 equal steps: 0.8 → 1, 0.85 → 1 + ⌊0.25 × 7⌋ = 2, 0.9 → 1 + ⌊3.5⌋ = 4, 1 → 7.
        let data = Self.cohorts()
        #expect([0.8, 0.85, 0.9, 1].map(data.shade) == [1, 2, 4, 7])
        // Domain 0…1: 0.8 → 1 + ⌊5.6⌋ = 6, 0.85 → 1 + ⌊5.95⌋ = 6, 0.9 → 1 + ⌊6.3⌋ = 7, 1 → 7 (clamped).
        let fixed = Self.cohorts(domain: Interval(lower: 0, upper: 1))
        #expect([0.8, 0.85, 0.9, 1].map(fixed.shade) == [6, 6, 7, 7])
        let svg = data.render().svg
        #expect(svg.contains("<rect class=\"cell heat-1 small-sample\""))
        #expect(MarkupInspection.count("<rect class=\"cell heat-7\"", in: svg) == 3)
    }

    @Test func tableMarksImmatureCells() {
        let table = Self.cohorts().render().table
        #expect(MarkupInspection.commonTableProblems(table) == [])
        #expect(table.hasPrefix("<table class=\"chart-data\"><caption>Cohort retention (\u{2014} not reached yet; \u{2020} small sample)</caption>"
            + "<thead><tr><th scope=\"col\">Cohort / Period</th><th scope=\"col\">M0</th>"))
        #expect(MarkupInspection.count("<td class=\"num immature\">\u{2014}</td>", in: table) == 3)
        #expect(table.contains("<tr><th scope=\"row\">2024-02</th><td class=\"num\">100%</td><td class=\"num\">85%</td><td class=\"num immature\">\u{2014}</td></tr>"))
    }
}

@Suite struct WaterfallChartTests {
    static let bridge = WaterfallChart(title: "MRR bridge", idPrefix: "mrr", startLabel: "Start MRR", startValue: 100,
                                       movements: [.init(label: "New", value: 20), .init(label: "Churn", value: -30)],
                                       endLabel: "End MRR", format: .currency(symbol: "$", decimals: 0))

    @Test func barsCloseFromStartToEnd() {
        let svg = Self.bridge.render().svg
        #expect(MarkupInspection.commonSVGProblems(svg, idPrefix: "mrr") == [])
        #expect(Self.bridge.endValue == 90)
        #expect(MarkupInspection.count("<rect class=\"bar total\"", in: svg) == 2)
        #expect(MarkupInspection.count("<rect class=\"bar positive\"", in: svg) == 1)
        #expect(MarkupInspection.count("<rect class=\"bar negative\"", in: svg) == 1)
        let connector = try! #require(svg.firstMatch(of: #/<path class="connector" d="([^"]*)"/#)).output.1
        #expect(connector.filter { $0 == "M" }.count == 3)
        #expect(svg.contains(">+$20</text>"))
        #expect(svg.contains(">-$30</text>"))
        #expect(MarkupInspection.content(of: "desc", in: svg)
            == "MRR bridge: from $100 (Start MRR) to $90 (End MRR), net -$10; largest increase New +$20; largest decrease Churn -$30.")
    }

    @Test func negativeBarHangsFromThePreviousTotal() {
        // Axis 0…120 in steps of 20; plot y 260 (0) … 22 (120): 238 / 120 units per unit.
        // Churn runs from 120 (y 22) down to 90 (y = 260 − 90 × 238 / 120 = 81.5): height 59.5.
        let svg = Self.bridge.render().svg
        #expect(svg.contains(#/<rect class="bar negative" x="[0-9.]+" y="22" width="[0-9.]+" height="59.5"/>/#))
    }

    @Test func tableListsChangesAndRunningTotals() {
        let table = Self.bridge.render().table
        #expect(MarkupInspection.commonTableProblems(table) == [])
        #expect(table == "<table class=\"chart-data\"><caption>MRR bridge</caption><thead><tr><th scope=\"col\">Item</th>"
            + "<th scope=\"col\">Change</th><th scope=\"col\">Running total</th></tr></thead><tbody>"
            + "<tr><th scope=\"row\">Start MRR</th><td class=\"num\">\u{2014}</td><td class=\"num\">$100</td></tr>"
            + "<tr><th scope=\"row\">New</th><td class=\"num positive\">+$20</td><td class=\"num\">$120</td></tr>"
            + "<tr><th scope=\"row\">Churn</th><td class=\"num negative\">-$30</td><td class=\"num\">$90</td></tr>"
            + "<tr><th scope=\"row\">End MRR</th><td class=\"num\">-$10</td><td class=\"num\">$90</td></tr></tbody></table>")
    }
}
