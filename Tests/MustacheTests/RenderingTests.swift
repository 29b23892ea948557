import Mustache
import Testing

/// Behaviour beyond the spec's own cases: our truthiness and number choices, indentation of
/// nested partials, inheritance as the report templates use it.
@Suite struct RenderingTests {
    func render(_ source: String, _ context: MustacheValue, partials: [String: String] = [:]) throws -> String {
        try Template(source: source, path: "test.mustache").render(context, partials: .dictionary(partials), strict: true)
    }

    @Test func emptyStringIsFalseyButZeroIsTruthy() throws {
        let source = "{{#s}}S{{/s}}{{^s}}no-s{{/s}} {{#n}}n={{n}}{{/n}} {{#d}}d={{d}}{{/d}} {{#o}}O{{/o}}"
        #expect(try render(source, ["s": "", "n": 0, "d": 0.0, "o": [:]]) == "no-s n=0 d=0 O")
    }

    @Test func numbersPrintInTheirShortestForm() throws {
        // 1.210 is the double 1.21; 2.0 is integral; 1e21 is beyond the integral cut-off (1e15).
        #expect(try render("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
                           ["a": 1.210, "b": 2.0, "c": -0.5, "d": 85, "e": 1e21, "f": .double(0.1 + 0.2)]) ==
            "1.21 2 -0.5 85 1e+21 0.30000000000000004")
    }

    @Test func nullAndMissingAndBooleans() throws {
        #expect(try render("[{{a}}][{{b}}][{{t}}][{{f}}]", ["a": nil, "t": true, "f": false]) == "[][][true][false]")
    }

    @Test func sectionOverAListOfScalarsUsesTheImplicitIterator() throws {
        #expect(try render("{{#xs}}<li>{{.}}</li>{{/xs}}", ["xs": ["a&b", 2, 3.5]]) ==
            "<li>a&amp;b</li><li>2</li><li>3.5</li>")
    }

    @Test func dottedNamesReachIntoObjectsAndFallBackThroughTheStack() throws {
        let context: MustacheValue = ["report": ["title": "Q3"], "rows": [["name": "Acme"], ["name": "Globex"]]]
        #expect(try render("{{#rows}}{{name}} ({{report.title}}) {{/rows}}", context) == "Acme (Q3) Globex (Q3) ")
    }

    @Test func standaloneSectionLinesDisappearFromHTML() throws {
        let source = """
            <ul>
              {{#rows}}
              <li>{{name}}</li>
              {{/rows}}
            </ul>

            """
        #expect(try render(source, ["rows": [["name": "A"], ["name": "B"]]]) ==
            "<ul>\n  <li>A</li>\n  <li>B</li>\n</ul>\n")
    }

    @Test func nestedStandalonePartialsAccumulateIndentation() throws {
        let partials = [
            "table": "<table>\n  {{>row}}\n</table>\n",
            "row": "<tr>\n  <td>{{v}}</td>\n</tr>\n",
        ]
        #expect(try render("<body>\n  {{>table}}\n</body>\n", ["v": "x\ny"], partials: partials) == """
            <body>
              <table>
                <tr>
                  <td>x
            y</td>
                </tr>
              </table>
            </body>

            """)
    }

    @Test func blankLinesInAnIndentedPartialGetNoTrailingSpaces() throws {
        #expect(try render("  {{>p}}\n", [:], partials: ["p": "a\n\nb\n"]) == "  a\n\n  b\n")
    }

    @Test func layoutInheritanceAsTheReportUsesIt() throws {
        let partials = [
            "layout": "<html>\n<head><title>{{$title}}Retention{{/title}}</title></head>\n<body>\n  {{$body}}\n  <p>empty</p>\n  {{/body}}\n</body>\n</html>\n",
        ]
        let page = """
            {{<layout}}
            {{$title}}Weekly retention — {{week}}{{/title}}
            {{$body}}
            <h1>{{week}}</h1>
            <p>Churn {{churn}}%</p>
            {{/body}}
            {{/layout}}

            """
        #expect(try render(page, ["week": "2026-W47", "churn": 2.5], partials: partials) == """
            <html>
            <head><title>Weekly retention — 2026-W47</title></head>
            <body>
              <h1>2026-W47</h1>
              <p>Churn 2.5%</p>
            </body>
            </html>

            """)
    }

    @Test func blockOverridesReachBlocksInsidePartialsOfTheParent() throws {
        let partials = ["layout": "{{>header}}|{{$main}}M{{/main}}", "header": "<h1>{{$title}}Default{{/title}}</h1>"]
        #expect(try render("{{<layout}}{{$title}}Mine{{/title}}{{/layout}}", [:], partials: partials) == "<h1>Mine</h1>|M")
    }

    @Test func dynamicPartialPicksATemplatePerItem() throws {
        let context: MustacheValue = ["items": [["kind": "text", "v": "hi"], ["kind": "image", "v": "a.png"]]]
        let partials = ["text": "<p>{{v}}</p>", "image": "<img src=\"{{v}}\">"]
        #expect(try render("{{#items}}{{>*kind}}{{/items}}", context, partials: partials) ==
            "<p>hi</p><img src=\"a.png\">")
    }

    @Test func customDelimitersForTemplatesThatShowBraces() throws {
        #expect(try render("{{=<% %>=}}{{literal}} <%v%>", ["v": 1]) == "{{literal}} 1")
    }

    @Test func largeListRendersEveryRow() throws {
        // 10 000 rows × "<td>row N</td>\n"; checks the single-buffer renderer end to end.
        let rows = MustacheValue.list((0..<10_000).map { ["n": .int($0)] })
        let output = try render("{{#rows}}<td>row {{n}}</td>\n{{/rows}}", ["rows": rows])
        #expect(output.hasPrefix("<td>row 0</td>\n<td>row 1</td>\n"))
        #expect(output.hasSuffix("<td>row 9999</td>\n"))
        // "<td>row " (8) + "</td>\n" (6) = 14 fixed bytes per row, plus the digits:
        // 10×1 + 90×2 + 900×3 + 9000×4 = 38 890.
        #expect(output.utf8.count == 140_000 + 38_890)
    }

    @Test func templatesAreReusableAcrossContexts() throws {
        let template = try Template(source: "Hi {{name}}", path: "t")
        #expect(try template.render(["name": "A"]) == "Hi A")
        #expect(try template.render(["name": "B"]) == "Hi B")
    }
}
