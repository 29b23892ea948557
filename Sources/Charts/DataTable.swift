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

    var html: String {
        var markup = Markup()
        markup.open("table", [("class", "chart-data")])
        markup.element("caption", [], caption)
        markup.open("thead")
        markup.open("tr")
        for column in columns { markup.element("th", [("scope", "col")], column) }
        markup.close("tr")
        markup.close("thead")
        markup.open("tbody")
        for row in rows {
            markup.open("tr")
            markup.element("th", [("scope", "row")], row.header)
            for cell in row.cells {
                markup.element("td", cell.classes.isEmpty ? [] : [("class", cell.classes)], cell.text)
            }
            markup.close("tr")
        }
        markup.close("tbody")
        markup.close("table")
        return markup.text
    }
}
