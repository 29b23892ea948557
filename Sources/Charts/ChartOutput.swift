/// What every chart kind renders: the inline SVG and an HTML table with the exact numbers.
///
/// Both strings are polyglot HTML5/XML fragments (well-formed XML, every text escaped), meant to
/// be embedded raw into the report; the report puts `table` in a `<details>` next to `svg`.
public struct ChartOutput: Sendable, Equatable {
    /// One `<svg>` element with `role="img"`, `<title>` and a generated `<desc>`.
    public let svg: String
    /// One `<table class="chart-data">` with `<caption>`, column and row headers.
    public let table: String

    public init(svg: String, table: String) {
        self.svg = svg
        self.table = table
    }
}
