import Foundation
import Testing
@testable import Charts

/// WCAG 2 contrast (success criterion 1.4.3, level AA: at least 4.5:1 for text) of every
/// text/background pair the report's stylesheets can produce, light and dark mode (and print
/// for the charts), read from the stylesheets themselves so a palette change is checked.
///
/// Relative luminance (WCAG 2.x definition): each sRGB channel c = C/255 is linearised as
/// c/12.92 when c ≤ 0.03928, else ((c + 0.055)/1.055)^2.4; L = 0.2126 R + 0.7152 G + 0.0722 B.
/// Contrast = (L_lighter + 0.05) / (L_darker + 0.05). A translucent background
/// (`rgba(r, g, b, a)`) is first composited over the page: a·colour + (1 − a)·page.
@Suite struct StylesheetContrastTests {
    struct RGB: Equatable, CustomStringConvertible {
        var r: Double, g: Double, b: Double
        var description: String { String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded())) }

        var luminance: Double {
            func linear(_ c: Double) -> Double {
                let s = c / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
        }
    }

    struct Missing: Error, CustomStringConvertible { var description: String }

    /// `value`, or a test failure naming what was missing from the stylesheet.
    static func need<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else { throw Missing(description: "not found in the stylesheet: \(what)") }
        return value
    }

    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (x, y) = (a.luminance, b.luminance)
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// `#rrggbb` or `rgba(r, g, b, a)` over `page`.
    static func color(_ text: String, over page: RGB? = nil) -> RGB? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("#"), value.count == 7, let n = Int(value.dropFirst(), radix: 16) {
            return RGB(r: Double(n >> 16), g: Double(n >> 8 & 0xFF), b: Double(n & 0xFF))
        }
        if value.hasPrefix("rgba("), value.hasSuffix(")") {
            let parts = value.dropFirst(5).dropLast().split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 4, let page else { return nil }
            let a = parts[3]
            return RGB(r: a * parts[0] + (1 - a) * page.r, g: a * parts[1] + (1 - a) * page.g, b: a * parts[2] + (1 - a) * page.b)
        }
        return nil
    }

    static func stylesheet(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("Templates/\(name).mustache"), encoding: .utf8)
    }

    /// The text of the block opened by `opening` (up to its matching brace).
    static func block(_ css: String, after opening: String) -> String? {
        guard let start = css.range(of: opening) else { return nil }
        var depth = 1
        var index = start.upperBound
        while index < css.endIndex, depth > 0 {
            if css[index] == "{" { depth += 1 } else if css[index] == "}" { depth -= 1 }
            index = css.index(after: index)
        }
        return String(css[start.upperBound..<index])
    }

    /// Every `--name: value;` declaration in `css`, later ones winning.
    static func customProperties(_ css: String) -> [String: String] {
        var result: [String: String] = [:]
        let regex = try! NSRegularExpression(pattern: "(--[a-z0-9-]+)\\s*:\\s*([^;}]+)")
        for match in regex.matches(in: css, range: NSRange(css.startIndex..., in: css)) {
            let name = String(css[Range(match.range(at: 1), in: css)!])
            let value = String(css[Range(match.range(at: 2), in: css)!]).trimmingCharacters(in: .whitespacesAndNewlines)
            result[name] = value
        }
        return result
    }

    /// The `fill` of the first rule whose selector is exactly `selector` in `css`.
    static func fill(of selector: String, in css: String) -> String? {
        guard let rule = css.range(of: selector + " {") else { return nil }
        let body = css[rule.upperBound...].prefix { $0 != "}" }
        guard let fill = body.range(of: "fill:") else { return nil }
        return String(body[fill.upperBound...].prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
    }

    // MARK: the report stylesheet (Templates/styles.mustache)

    @Test func reportTextPairsMeetAAInLightAndDarkMode() throws {
        let css = try Self.stylesheet("styles")
        let darkStart = try #require(css.range(of: "@media (prefers-color-scheme: dark) {"))
        let light = Self.customProperties(String(css[..<darkStart.lowerBound]))
        let darkBlock = try Self.need(Self.block(css, after: "@media (prefers-color-scheme: dark) {"), "dark block")
        let dark = light.merging(Self.customProperties(darkBlock)) { _, new in new }
        var failures: [String] = []
        var checked = 0
        for (mode, palette) in [("light", light), ("dark", dark)] {
            func rgb(_ name: String, over page: RGB? = nil) throws -> RGB {
                var value = try Self.need(palette[name], "\(mode) \(name)")
                // `var(--x)` is resolved in the same palette (custom properties on one element).
                while value.hasPrefix("var("), let inner = palette[String(value.dropFirst(4).dropLast())] { value = inner }
                return try Self.need(Self.color(value, over: page), "\(mode) \(name) colour")
            }
            let paper = try rgb("--paper")
            let panel = try rgb("--panel")
            // Text colours on the page and on tiles (KPI values, changes, notes, links).
            for text in ["--ink", "--muted", "--accent", "--good", "--bad", "--warn"] {
                for (backgroundName, background) in [("--paper", paper), ("--panel", panel)] {
                    let ratio = Self.contrast(try rgb(text), background)
                    checked += 1
                    if ratio < 4.5 { failures.append("\(mode): \(text) on \(backgroundName) is \(String(format: "%.2f", ratio)):1") }
                }
            }
            // Cohort heat-map cells: td.heat-N has background var(--heat-N) and colour var(--heat-ink-N).
            for level in 0...10 {
                let background = try rgb("--heat-\(level)", over: paper)
                let text = try rgb("--heat-ink-\(level)")
                let ratio = Self.contrast(text, background)
                checked += 1
                if ratio < 4.5 {
                    failures.append("\(mode): heat-\(level) text \(text) on \(background) is \(String(format: "%.2f", ratio)):1")
                }
            }
        }
        for level in 0...10 {
            #expect(css.contains("td.heat-\(level) { background: var(--heat-\(level)); color: var(--heat-ink-\(level)); }"))
        }
        #expect(checked == 2 * (12 + 11))
        #expect(failures == [])
    }

    @Test func theIssueExampleFailsTheFormula() {
        // Dark text #1d2330 on heat-map blue #2e8bc0 (rgba(0, 114, 178, 0.82) over white): 4.18:1.
        let blue = Self.color("rgba(0, 114, 178, 0.82)", over: RGB(r: 255, g: 255, b: 255))!
        #expect(blue.description == "#2e8bc0")
        // (The issue quotes 4.18; the formula on the rounded colour #2e8bc0 gives 4.1715.)
        #expect(String(format: "%.2f", Self.contrast(Self.color("#1d2330")!, Self.color("#2e8bc0")!)) == "4.17")
        // Black and white: 21:1.
        #expect(Self.contrast(RGB(r: 0, g: 0, b: 0), RGB(r: 255, g: 255, b: 255)) == 21)
    }

    // MARK: the chart stylesheet (Templates/chart-styles.mustache)

    @Test func chartHeatMapLabelsMeetAAInEveryMode() throws {
        let css = try Self.stylesheet("chart-styles")
        let lightBlock = try Self.need(Self.block(css, after: ".chart {"), ".chart block")
        let darkMedia = try Self.need(Self.block(css, after: "@media (prefers-color-scheme: dark) {"), "dark block")
        let printMedia = try Self.need(Self.block(css, after: "@media print {"), "print block")
        let light = Self.customProperties(lightBlock)
        var failures: [String] = []
        for (mode, media) in [("light", nil), ("dark", Optional(darkMedia)), ("print", Optional(printMedia))] {
            let palette = light.merging(media.map(Self.customProperties) ?? [:]) { _, new in new }
            // Label colours: the mode's own rule, else the light one.
            let label = try Self.need(media.flatMap { Self.fill(of: ".chart .cell-label", in: $0) } ?? Self.fill(of: ".chart .cell-label", in: css), "cell-label")
            let onDark = try Self.need(media.flatMap { Self.fill(of: ".chart .cell-label.on-dark", in: $0) }
                                       ?? Self.fill(of: ".chart .cell-label.on-dark", in: css), "on-dark")
            for shade in 1...7 {
                let background = try Self.need(palette["--heat-\(shade)"].flatMap { Self.color($0) }, "\(mode) --heat-\(shade)")
                let text = try Self.need(Self.color(shade >= HeatMap.onDarkFromShade ? onDark : label), "label colour")
                let ratio = Self.contrast(text, background)
                if ratio < 4.5 { failures.append("\(mode): heat-\(shade) label \(text) on \(background) is \(String(format: "%.2f", ratio)):1") }
            }
            for text in ["--chart-fg", "--chart-muted"] {
                let ratio = Self.contrast(try Self.need(palette[text].flatMap { Self.color($0) }, text),
                                          try Self.need(palette["--chart-bg"].flatMap { Self.color($0) }, "--chart-bg"))
                if ratio < 4.5 { failures.append("\(mode): \(text) on --chart-bg is \(String(format: "%.2f", ratio)):1") }
            }
        }
        #expect(failures == [])
    }
}
