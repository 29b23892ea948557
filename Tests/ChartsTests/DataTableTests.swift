import Testing
@testable import Charts

@Suite struct DataTableTests {
    /// The markup the table wrote tag by tag with `Markup` before it was written in fixed pieces.
    static func tagByTag(_ table: DataTable) -> String {
        var markup = Markup()
        markup.open("table", [("class", "chart-data")])
        markup.element("caption", [], table.caption)
        markup.open("thead")
        markup.open("tr")
        for column in table.columns { markup.element("th", [("scope", "col")], column) }
        markup.close("tr")
        markup.close("thead")
        markup.open("tbody")
        for row in table.rows {
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

    @Test func aSmallTableIsWrittenExactly() {
        var table = DataTable(caption: "Churn & more", columns: ["Day", "All"])
        table.rows = [
            .init(header: "0", cells: [.init(text: "99%")]),
            .init(header: "1", cells: [.init(text: DataTable.missing, classes: "")]),
        ]
        #expect(table.html == "<table class=\"chart-data\"><caption>Churn &amp; more</caption><thead><tr>"
            + "<th scope=\"col\">Day</th><th scope=\"col\">All</th></tr></thead><tbody>"
            + "<tr><th scope=\"row\">0</th><td class=\"num\">99%</td></tr>"
            + "<tr><th scope=\"row\">1</th><td>\u{2014}</td></tr></tbody></table>")
    }

    /// Every kind of text the escaper changes, in every place of the table, and a value over the
    /// display limit: the same markup as tag by tag.
    @Test func escapingAndCappingAreThoseOfTheTagByTagMarkup() {
        let tricky = ["<b>&\"'</b>", "a\u{A0}b", "x\u{202E}y", "bell\u{07}", "\u{FFFE}", "plain",
                      String(repeating: "é", count: 2100), "\u{2014}"]
        var table = DataTable(caption: tricky[0] + tricky[2], columns: tricky)
        for (index, text) in tricky.enumerated() {
            table.rows.append(.init(header: text, cells: [
                .init(text: text), .init(text: text, classes: ""), .init(text: "1", classes: "num \"small\" <x>"),
                DataTable.Cell.number(Double(index) / 3, .percent(decimals: 1), smallSample: index % 2 == 0),
            ]))
        }
        let html = table.html
        #expect(html == Self.tagByTag(table))
        #expect(html.contains("<th scope=\"row\">&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</th>"))
        #expect(html.contains("<td class=\"num &quot;small&quot; &lt;x&gt;\">1</td>"))
        #expect(html.contains("<td>a&#160;b</td>") && html.contains("<td>xy</td>") && html.contains("<td>bell\u{FFFD}</td>"))
        #expect(html.contains(String(repeating: "é", count: 2000) + "…</td>"))
    }
}
