/// The accessible companion of a chart: an HTML table with the exact numbers.
/// `<table class="chart-data">` with `<caption>`, `<thead>` of `<th scope="col">` and one
/// `<th scope="row">` per row; every text escaped.
struct DataTable {
    struct Cell {
        var text: String
        var classes: String = "num"

        /// A number: `value` formatted, and for a value that rests on a small sample followed by
        /// ``DataTable/smallSampleMark`` and classed `small-sample`.
        static func number(_ value: Double, _ format: ValueFormat, smallSample: Bool) -> Cell {
            smallSample ? Cell(text: format.format(value) + smallSampleMark, classes: "num small-sample")
                : Cell(text: format.format(value))
        }
    }

    struct Row {
        var header: String
        var cells: [Cell]
    }

    var caption: String
    var columns: [String]
    var rows: [Row] = []

    /// The text of an absent value in a table cell (an em dash).
    static let missing = "\u{2014}"
    /// Appended to values that rest on a small sample.
    static let smallSampleMark = "\u{A0}\u{2020}"
    /// What the caption says when a cell has ``smallSampleMark``.
    static let smallSampleNote = "\u{2020} small sample"

    /// The table's markup. Written with fixed pieces (``Markup/literal(_:)``) rather than tag by
    /// tag: the survival table has about a thousand rows of seven cells. The same markup as
    /// `open`/`element`/`close` would write: `<table class="chart-data"><caption>…</caption>`,
    /// `<thead><tr><th scope="col">…</th>…</tr></thead>`, then per row `<tr><th scope="row">…</th>`
    /// and `<td class="…">…</td>` per cell (`<td>` when it has no classes), `</tbody></table>`.
    var html: String {
        var markup = Markup()
        markup.reserve(64 + rows.count * (32 + 24 * columns.count))
        markup.literal("<table class=\"chart-data\"><caption>")
        markup.escapedText(caption)
        markup.literal("</caption><thead><tr>")
        for column in columns {
            markup.literal("<th scope=\"col\">")
            markup.escapedText(column)
            markup.literal("</th>")
        }
        markup.literal("</tr></thead><tbody>")
        for row in rows {
            markup.literal("<tr><th scope=\"row\">")
            markup.escapedText(row.header)
            markup.literal("</th>")
            for cell in row.cells {
                if cell.classes.isEmpty {
                    markup.literal("<td>")
                } else {
                    markup.literal("<td class=\"")
                    markup.escapedAttribute(cell.classes)
                    markup.literal("\">")
                }
                markup.escapedText(cell.text)
                markup.literal("</td>")
            }
            markup.literal("</tr>")
        }
        markup.literal("</tbody></table>")
        return markup.text
    }
}
