import Foundation
import Testing
@testable import RetentionCLI
import Validation

/// A user restyles the report through their own templates folder: only the files they provide
/// replace the defaults.
@Suite struct RestyleTests {
    /// The README's worked example: brand colours, a logo as a data: URI, sections reordered.
    static func writeUserTemplates(to directory: String) {
        Harness.write("""
        :root { --accent: #7b1fa2; --heat-10: rgba(123, 31, 162, 0.82); }
        .brand-logo { height: 28px; }
        """, to: directory + "/custom-styles.mustache")
        Harness.write("""
        <header class="report-header">
        <img class="brand-logo" alt="Acme Analytics" src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSI4IiBoZWlnaHQ9IjgiLz4="/>
        <h1>{{report.title}}</h1>
        <p class="meta">As of {{report.as_of_long}}</p>
        </header>
        """, to: directory + "/header.mustache")
        Harness.write("""
        {{<layout}}
        {{$body}}
        {{> kpis}}
        {{> satisfaction}}
        {{> churn}}
        {{> methodology}}
        {{> data-quality}}
        {{/body}}
        {{$footer}}<footer class="report-footer"><p>Acme Analytics · internal</p></footer>{{/footer}}
        {{/layout}}
        """, to: directory + "/report.mustache")
    }

    @Test func userTemplatesOverrideOnlyWhatTheyProvide() throws {
        let input = try Harness.sample("restyle")
        let templates = Harness.temporaryDirectory("restyle-templates")
        Self.writeUserTemplates(to: templates)
        let out = Harness.temporaryDirectory("restyle-out") + "/report.html"
        let run = Harness.run(["report", "--input", input, "--out", out, "--as-of", "2026-11-20", "--templates", templates])
        #expect(run.status == .success, "\(run.err)")
        let html = Harness.read(out)
        #expect(ReportValidator().validate(html: Array(html.utf8), path: out) == [])
        #expect(html.contains(":root { --accent: #7b1fa2; --heat-10: rgba(123, 31, 162, 0.82); }"))
        #expect(html.contains("font-family: system-ui"), "the default stylesheet is still there")
        #expect(html.contains("<img class=\"brand-logo\" alt=\"Acme Analytics\" src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("<footer class=\"report-footer\"><p>Acme Analytics · internal</p></footer>"))
        let kpis = try #require(html.range(of: "<section id=\"kpis\""))
        let satisfaction = try #require(html.range(of: "<section id=\"satisfaction\""))
        let churn = try #require(html.range(of: "<section id=\"churn\""))
        #expect(kpis.lowerBound < satisfaction.lowerBound && satisfaction.lowerBound < churn.lowerBound)
        #expect(!html.contains("<section id=\"cohorts\""))
        #expect(!html.contains("<section id=\"support\""))
    }

    @Test func anInvalidRenderNeverReplacesTheLastGoodReport() throws {
        let input = try Harness.sample("invalid-render")
        let out = Harness.temporaryDirectory("invalid-out") + "/report.html"
        let good = Harness.run(["report", "--input", input, "--out", out, "--as-of", "2026-11-20"])
        #expect(good.status == .success, "\(good.err)")
        let before = try Data(contentsOf: URL(fileURLWithPath: out))

        let templates = Harness.temporaryDirectory("invalid-templates")
        Harness.write("<footer><script>track()</script><a href=\"#nowhere\">top</a></footer>\n", to: templates + "/footer.mustache")
        let bad = Harness.run(["report", "--input", input, "--out", out, "--as-of", "2026-11-20", "--templates", templates])
        #expect(bad.status == .invalidReport)
        #expect(bad.out == "")
        #expect(Harness.errors(bad.err).hasPrefix("\(out): error: the rendered report has 2 problems and was not published; "
            + "the previous report is unchanged; the rejected render is kept at \(out.dropLast(5)).invalid.html\n"))
        #expect(bad.err.contains(": error: [script] "))
        #expect(bad.err.contains(": error: [broken-link] "))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == before)
        #expect(FileManager.default.fileExists(atPath: String(out.dropLast(5)) + ".invalid.html"))
    }

    @Test func aTemplateErrorIsLocatedAndWritesNothing() throws {
        let input = try Harness.sample("template-error")
        let templates = Harness.temporaryDirectory("template-error-templates")
        Harness.write("<footer>\n{{#report}}\n</footer>\n", to: templates + "/footer.mustache")
        let out = Harness.temporaryDirectory("template-error-out") + "/report.html"
        let run = Harness.run(["report", "--input", input, "--out", out, "--as-of", "2026-11-20", "--templates", templates])
        #expect(run.status == .templateError)
        #expect(Harness.errors(run.err) == "\(templates)/footer.mustache:2:1: error: section \"report\" opened here is never closed\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
