import Foundation
import Testing
@testable import RetentionCLI
import Validation

/// The command line as a product: help, version, usage errors, exit statuses.
@Suite struct CommandLineTests {
    @Test func everyCommandHasHelp() {
        for command in ["sample", "report", "validate", "inspect", "render", "templates"] {
            let run = Harness.run([command, "--help"])
            #expect(run.status == .success)
            #expect(run.out.hasPrefix("usage: retention \(command)"))
            #expect(run.out.contains("  --help"))
            #expect(run.err == "")
        }
        let top = Harness.run(["--help"])
        #expect(top.out.hasPrefix("usage: retention <command> [options]\n"))
        for command in ["sample", "report", "validate", "inspect", "render", "templates"] {
            #expect(top.out.contains("\n  \(command) "))
        }
        #expect(Harness.run(["help", "report"]).out == ReportCommand.spec.helpText)
    }

    @Test func versionIsPrinted() {
        #expect(Harness.run(["--version"]).out == "retention \(RetentionCommandLine.version)\n")
    }

    @Test func usageErrorsExitTwoWithOneLine() {
        let unknown = Harness.run(["frobnicate"])
        #expect(unknown.status == .usage)
        #expect(unknown.err == "retention: error: unknown command 'frobnicate' (commands: sample, report, validate, inspect, render, templates; see 'retention --help')\n")
        let option = Harness.run(["report", "--as-off", "2026-01-01"])
        #expect(option.status == .usage)
        #expect(option.err == "retention: error: unknown option '--as-off' for 'retention report' (see 'retention report --help')\n")
        let date = Harness.run(["report", "--as-of", "2026-13-01"])
        #expect(date.err == "retention: error: invalid value '2026-13-01' for '--as-of': expected a date as YYYY-MM-DD\n")
        #expect(Harness.run(["validate"]).err == "retention: error: missing argument FILE\n")
        #expect(Harness.run(["report", "--period", "fortnight"]).err
                == "retention: error: invalid value 'fortnight' for '--period': expected one of day, week, month, quarter\n")
    }

    @Test func aMistypedTemplatesFolderIsAnErrorNotASilentFallback() {
        let run = Harness.run(["report", "--templates", "/nonexistent/brand"])
        #expect(run.status == .templateError)
        #expect(run.err == "/nonexistent/brand: error: no such templates folder (--templates)\n")
    }

    @Test func missingInputIsALocatedDataError() {
        let run = Harness.run(["report", "--customers", "/nonexistent/customers.csv"])
        #expect(run.status == .inputError)
        #expect(run.err.hasPrefix("/nonexistent/customers.csv"))
        #expect(run.out == "")
    }

    @Test func validateReportsFindingsAndExitsOne() {
        let dir = Harness.temporaryDirectory("validate")
        Harness.write("""
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/><title>t</title></head>
        <body><p id="a">x</p><p id="a">y</p></body></html>
        """, to: dir + "/bad.html")
        let run = Harness.run(["validate", dir + "/bad.html"])
        #expect(run.status == .invalidReport)
        #expect(run.out.hasPrefix("\(dir)/bad.html:3:"))
        #expect(run.out.contains("error: [duplicate-id] "))
        let json = Harness.run(["validate", "--json", dir + "/bad.html"])
        #expect(json.out.contains("\"rule\""))
        #expect(json.out.contains("duplicate-id"))
    }

    @Test func renderUsesAJSONContextAndPartials() {
        let dir = Harness.temporaryDirectory("render")
        Harness.write("<h1>{{title}}</h1>{{#items}}{{> item}}{{/items}}", to: dir + "/page.mustache")
        Harness.write("<p>{{name}}</p>", to: dir + "/partials/item.mustache")
        Harness.write(#"{"title": "A & B", "items": [{"name": "<x>"}, {"name": "y"}]}"#, to: dir + "/context.json")
        let run = Harness.run(["render", dir + "/page.mustache", "--context", dir + "/context.json", "--partials", dir + "/partials"])
        #expect(run.status == .success, "\(run.err)")
        #expect(run.out == "<h1>A &amp; B</h1><p>&lt;x&gt;</p><p>y</p>")
    }

    @Test func inspectShowsHowAFileIsRead() {
        let dir = Harness.temporaryDirectory("inspect")
        Harness.write("Record ID;Company name;Create Date\r\n1;\"Acme; Inc\";2026-01-05\r\n2;Beta;05/02/2026\r\n", to: dir + "/customers.csv")
        let run = Harness.run(["inspect", dir + "/customers.csv"])
        // 05/02/2026 could be 5 February or 2 May: an error the report would stop on, so exit 3.
        #expect(run.status == .inputError, "\(run.err)")
        #expect(run.out.contains("\(dir)/customers.csv:1:24: error: column \"Create Date\" has dates like 05/02/2026"))
        #expect(run.out.hasPrefix("\(dir)/customers.csv\n  encoding: UTF-8, delimiter: \";\", 2 data rows\n  holds: customers"))
        #expect(run.out.contains("Company name"))
        #expect(run.out.contains("Acme; Inc"))
        let missing = Harness.run(["inspect", dir + "/nope.csv"])
        #expect(missing.status == .inputError)
        #expect(missing.err.hasPrefix("\(dir)/nope.csv"))
    }
}
