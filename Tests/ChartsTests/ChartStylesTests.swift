import Foundation
import Testing
@testable import Charts

/// Templates/chart-styles.mustache: the CSS every chart relies on.
@Suite struct ChartStylesTests {
    static func stylesheet() throws -> String {
        // Tests/ChartsTests/ChartStylesTests.swift → package root → Templates/.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("Templates/chart-styles.mustache"), encoding: .utf8)
    }

    @Test func isPlainCSSSafeInsideAnXMLStyleElement() throws {
        let css = try Self.stylesheet()
        #expect(!css.contains("{{"))
        #expect(!css.contains("<"))
        #expect(!css.contains("&"))
        #expect(css.contains("@media (prefers-color-scheme: dark)"))
        #expect(css.contains("@media print"))
        #expect(css.contains("width: 100%"))
    }

    @Test func everyClassTheChartsEmitIsStyled() throws {
        let css = try Self.stylesheet()
        // Grouping classes that only structure the markup.
        let structural: Set<String> = ["chart", "series", "bars", "cells", "legend", "axis-x", "axis-y", "axis-right",
                                       "grouped", "stacked", "hatch",
                                       "segment-1", "segment-2", "segment-3"]
        var classes: Set<String> = []
        for (_, output) in AllChartKindsTests.everyKind(label: "x", prefix: "css") {
            for value in MarkupInspection.attributeValues("class", in: output.svg) {
                for name in value.split(separator: " ") where !name.hasPrefix("chart-") { classes.insert(String(name)) }
            }
        }
        let unstyled = classes.subtracting(structural).filter { !css.contains("." + $0 + " ") && !css.contains("." + $0 + ",")
            && !css.contains("." + $0 + ".") && !css.contains("." + $0 + ":") }
        #expect(unstyled.sorted() == [])
        // The classes the product issue names.
        for name in ["series-1", "series-8", "axis", "grid", "band", "bar", "positive", "negative", "immature", "censor", "small-sample"] {
            #expect(css.contains("." + name), "\(name)")
        }
    }
}
