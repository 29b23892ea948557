import Mustache
import Testing

/// Every syntax and rendering error names the file, line and column of the tag to fix.
@Suite struct TemplateErrorTests {
    let path = "Templates/report.mustache"

    func parseError(_ source: String) -> String? {
        do {
            _ = try Template(source: source, path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func unclosedSectionPointsAtItsOpeningTag() {
        // `{{#churn}}` starts at line 2, column 3 (after "b ").
        #expect(parseError("a\nb {{#churn}}\n") ==
            "Templates/report.mustache:2:3: error: section \"churn\" opened here is never closed")
    }

    @Test func unclosedSectionReportedAtLineTwelveColumnFive() {
        let source = String(repeating: "<p>\n", count: 11) + "    {{#churn}}\n<td>{{rate}}</td>\n"
        #expect(parseError(source) ==
            "Templates/report.mustache:12:5: error: section \"churn\" opened here is never closed")
    }

    @Test func unclosedInvertedSectionParentAndBlockNameTheirKind() {
        #expect(parseError("{{^empty}}") ==
            "Templates/report.mustache:1:1: error: inverted section \"empty\" opened here is never closed")
        #expect(parseError("x{{<layout}}") ==
            "Templates/report.mustache:1:2: error: parent \"layout\" opened here is never closed")
        #expect(parseError("{{<layout}}\n  {{$title}}\n{{/layout}}") ==
            "Templates/report.mustache:3:1: error: closing tag \"layout\" does not match block \"title\" opened at 2:3")
    }

    @Test func mismatchedClosingTagNamesBothTagsAndWhereTheOpenOneStarts() {
        let source = "<h1>{{title}}</h1>\n{{#rows}}\n  <tr>\n{{#churn}}x\n{{/rows}}"
        #expect(parseError(source) ==
            "Templates/report.mustache:5:1: error: closing tag \"rows\" does not match section \"churn\" opened at 4:1")
    }

    @Test func closingTagWithNothingOpen() {
        #expect(parseError("x {{/a}}") ==
            "Templates/report.mustache:1:3: error: closing tag \"a\" has no opening tag")
    }

    @Test func unclosedTagAtEndOfFile() {
        #expect(parseError("Hello {{name") ==
            "Templates/report.mustache:1:7: error: tag opened here is never closed (expected \"}}\")")
        #expect(parseError("{{{raw}}") ==
            "Templates/report.mustache:1:1: error: tag opened here is never closed (expected \"}}}\")")
    }

    @Test func unclosedTagFollowedByMoreTagsIsReportedWhereItOpens() {
        // Without the check the name would run on to the `}}` of `{{other}}` two lines down.
        #expect(parseError("line\n  {{name</p>\n{{other}}") ==
            "Templates/report.mustache:2:3: error: tag opened here is never closed (expected \"}}\")")
    }

    @Test func badSetDelimiterTags() {
        #expect(parseError("a\n{{=<% =}}") ==
            "Templates/report.mustache:2:1: error: set-delimiter tag \"{{=<% =}}\" must be two delimiters separated by a space between equals signs, like {{=<% %>=}}")
        #expect(parseError("{{=<% %>}}") ==
            "Templates/report.mustache:1:1: error: set-delimiter tag \"{{=<% %>}}\" must be two delimiters separated by a space between equals signs, like {{=<% %>=}}")
        #expect(parseError("{{=<% %> |=}}") ==
            "Templates/report.mustache:1:1: error: set-delimiter tag \"{{=<% %> |=}}\" must be two delimiters separated by a space between equals signs, like {{=<% %>=}}")
    }

    @Test func errorsAfterSetDelimitersUseTheNewDelimitersLocation() {
        #expect(parseError("{{=<% %>=}}\nok <%#a%>") ==
            "Templates/report.mustache:2:4: error: section \"a\" opened here is never closed")
    }

    @Test func emptyTagNames() {
        #expect(parseError("a {{ }}") == "Templates/report.mustache:1:3: error: tag has an empty name")
        #expect(parseError("{{#}}{{/}}") == "Templates/report.mustache:1:1: error: tag has an empty name")
        #expect(parseError("{{> }}") == "Templates/report.mustache:1:1: error: tag has an empty name")
        #expect(parseError("{{>*}}") == "Templates/report.mustache:1:1: error: tag has an empty name")
    }

    @Test func whitespaceInsideATagName() {
        #expect(parseError("{{ first name }}") ==
            "Templates/report.mustache:1:1: error: tag name \"first name\" contains whitespace")
    }

    @Test func columnsStayRightAfterManyTagsOnOneLine() {
        // 1000 × "{{a}}" (5 columns each) then "é{{#b}}": the section opens at column 5000 + 2.
        let source = "line one\n" + String(repeating: "{{a}}", count: 1000) + "é{{#b}}"
        #expect(parseError(source) == "Templates/report.mustache:2:5002: error: section \"b\" opened here is never closed")
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes in UTF-8 but one column.
        #expect(parseError("é {{#x}}") == "Templates/report.mustache:1:3: error: section \"x\" opened here is never closed")
    }

    @Test func unknownPartialIsAnErrorOnlyWhenStrict() throws {
        let template = try Template(source: "<p>\n  {{> footer}}\n", path: path)
        #expect(try template.render([:]) == "<p>\n")
        #expect(throws: MustacheError.partialNotFound(name: "footer",
                                                      at: SourceLocation(path: path, line: 2, column: 3))) {
            try template.render([:], strict: true)
        }
        do {
            _ = try template.render([:], strict: true)
        } catch {
            #expect(error.description == "Templates/report.mustache:2:3: error: partial \"footer\" not found")
        }
    }

    @Test func unknownParentIsAnErrorWhenStrict() throws {
        let template = try Template(source: "{{<layout}}{{$title}}T{{/title}}{{/layout}}", path: path)
        #expect(try template.render([:]) == "")
        #expect(throws: MustacheError.self) { try template.render([:], strict: true) }
    }

    @Test func unresolvedDynamicPartialRendersNothingEvenWhenStrict() throws {
        let template = try Template(source: "[{{>*kind}}]", path: path)
        #expect(try template.render([:], strict: true) == "[]")
    }

    @Test func syntaxErrorInsideAPartialIsLocatedInThePartial() throws {
        let template = try Template(source: "{{>row}}", path: path)
        do {
            _ = try template.render([:], partials: .dictionary(["row": "<td>\n{{#x}}</td>"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "row:2:1: error: section \"x\" opened here is never closed")
        }
    }

    @Test func selfIncludingPartialStopsAtTheNestingLimit() throws {
        let template = try Template(source: "{{>loop}}", path: path)
        do {
            _ = try template.render([:], partials: .dictionary(["loop": "x{{>loop}}"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description ==
                "loop:1:2: error: partial \"loop\" nested more than 100 levels deep (does it include itself without a stopping section?)")
        }
    }

    @Test func sectionsNestedBeyondTheLimitAreAnErrorNotAStackOverflow() {
        // 200 pairs may be open; the 201st opening tag, `{{#a}}` number 201, starts at column 6×200+1.
        let source = String(repeating: "{{#a}}", count: 201) + String(repeating: "{{/a}}", count: 201)
        #expect(parseError(source) == "Templates/report.mustache:1:1201: error: sections nested more than 200 levels deep")
        let allowed = String(repeating: "{{#a}}", count: 200) + "x" + String(repeating: "{{/a}}", count: 200)
        #expect(parseError(allowed) == nil)
    }
}
