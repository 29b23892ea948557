import Foundation
import Mustache
import Testing

/// Template directories searched in order: a user's directory overrides the defaults file by file.
@Suite struct TemplateLibraryTests {
    /// A fresh directory tree for one test, with `files` (relative path → content) written into it.
    func makeTree(_ name: String, _ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("mustache-tests-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try? FileManager.default.removeItem(at: root)
        for (path, content) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root.path
    }

    @Test func userTemplatesOverrideDefaultsFileByFile() throws {
        let root = try makeTree("override", [
            "defaults/report.mustache": "<h1>{{title}}</h1>\n{{>footer}}\n",
            "defaults/footer.mustache": "<footer>default</footer>",
            "user/footer.mustache": "<footer>{{company}}</footer>",
        ])
        let defaultsOnly = TemplateLibrary(directories: ["\(root)/defaults"])
        let customised = TemplateLibrary(directories: ["\(root)/user", "\(root)/defaults"])
        let context: MustacheValue = ["title": "Retention", "company": "Acme & Co"]
        // `{{>footer}}` stands alone on its line, so that line's newline goes with the tag;
        // the footer files end without one.
        #expect(try defaultsOnly.render(templateNamed: "report", context: context) ==
            "<h1>Retention</h1>\n<footer>default</footer>")
        #expect(try customised.render(templateNamed: "report", context: context) ==
            "<h1>Retention</h1>\n<footer>Acme &amp; Co</footer>")
    }

    @Test func partialsInSubfoldersAndParentsResolveTheSameWay() throws {
        let root = try makeTree("subfolders", [
            "t/page.mustache": "{{<layouts/base}}{{$body}}{{>parts/cell}}{{/body}}{{/layouts/base}}",
            "t/layouts/base.mustache": "[{{$body}}{{/body}}]",
            "t/parts/cell.mustache": "<td>{{v}}</td>",
        ])
        let library = TemplateLibrary(directories: ["\(root)/t/"])
        #expect(try library.render(templateNamed: "page", context: ["v": 7]) == "[<td>7</td>]")
    }

    @Test func missingPartialIsALocatedErrorByDefault() throws {
        let root = try makeTree("missing-partial", ["t/report.mustache": "ok\n  {{>nowhere}}\n"])
        let library = TemplateLibrary(directories: ["\(root)/t"])
        do {
            _ = try library.render(templateNamed: "report", context: [:])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(root)/t/report.mustache:2:3: error: partial \"nowhere\" not found")
        }
        #expect(try library.render(templateNamed: "report", context: [:], strict: false) == "ok\n")
    }

    @Test func missingMainTemplateListsWhereItLooked() throws {
        let library = TemplateLibrary(directories: ["no-such-templates", "/usr/share/retention/templates"])
        #expect(throws: MustacheError.templateNotFound(name: "report", directories: ["no-such-templates", "/usr/share/retention/templates"])) {
            try library.render(templateNamed: "report", context: [:])
        }
        #expect(MustacheError.templateNotFound(name: "report", directories: ["no-such-templates", "/usr/share/retention/templates"]).description ==
            "error: template \"report\" not found (looked for report.mustache in no-such-templates, /usr/share/retention/templates)")
    }

    @Test func syntaxErrorNamesTheFileItIsIn() throws {
        let root = try makeTree("syntax", ["t/report.mustache": "{{>table}}", "t/table.mustache": "<table>\n  {{#rows}}\n</table>\n"])
        let library = TemplateLibrary(directories: ["\(root)/t"])
        #expect(throws: MustacheError.unclosedSection(.section, name: "rows",
                                                      at: SourceLocation(path: "\(root)/t/table.mustache", line: 2, column: 3))) {
            try library.render(templateNamed: "report", context: [:])
        }
    }

    @Test func fileThatIsNotUTF8IsReported() throws {
        let root = try makeTree("latin1", [:])
        try Data([0x3C, 0x70, 0x3E, 0xE9, 0xFF]).write(to: URL(fileURLWithPath: "\(root)/bad.mustache"))
        let library = TemplateLibrary(directories: [root])
        #expect(throws: MustacheError.unreadableTemplate(path: "\(root)/bad.mustache", reason: "the file is not UTF-8 text")) {
            try library.render(templateNamed: "bad", context: [:])
        }
    }

    /// A named pipe is refused when opened (non-blocking), so a render never waits for a writer.
    @Test(.timeLimit(.minutes(1)))
    func aNamedPipeIsRefusedNotWaitedFor() throws {
        let root = try makeTree("pipe", [:])
        #expect(mkfifo("\(root)/page.mustache", 0o600) == 0)
        let library = TemplateLibrary(directories: [root])
        #expect(throws: MustacheError.unreadableTemplate(path: "\(root)/page.mustache",
                                                         reason: "it is a named pipe (FIFO), not a regular file")) {
            try library.render(templateNamed: "page", context: [:])
        }
    }

    @Test func namesThatWouldLeaveTheDirectoryAreNotFound() throws {
        let root = try makeTree("escape", ["secret.mustache": "secret", "t/page.mustache": "[{{>../secret}}]"])
        let library = TemplateLibrary(directories: ["\(root)/t"])
        #expect(try library.render(templateNamed: "page", context: [:], strict: false) == "[]")
    }

    @Test func parsedTemplatesAreCachedForTheLifeOfTheLibrary() throws {
        let root = try makeTree("cache", ["t/page.mustache": "v1"])
        let library = TemplateLibrary(directories: ["\(root)/t"])
        #expect(try library.render(templateNamed: "page", context: [:]) == "v1")
        try Data("v2".utf8).write(to: URL(fileURLWithPath: "\(root)/t/page.mustache"))
        #expect(try library.render(templateNamed: "page", context: [:]) == "v1")
        #expect(try TemplateLibrary(directories: ["\(root)/t"]).render(templateNamed: "page", context: [:]) == "v2")
    }

    @Test func resolverFromAClosureReportsErrorsAgainstTheGivenPath() throws {
        let resolver = PartialResolver(sources: { name in name == "row" ? ("{{#x}}", "Templates/row.mustache") : nil })
        let template = try Template(source: "{{>row}}", path: "main")
        #expect(throws: MustacheError.unclosedSection(.section, name: "x",
                                                      at: SourceLocation(path: "Templates/row.mustache", line: 1, column: 1))) {
            try template.render([:], partials: resolver)
        }
    }

    @Test func oneLibraryRendersFromManyTasksAtOnce() async throws {
        let root = try makeTree("concurrent", ["t/page.mustache": "{{>row}}", "t/row.mustache": "<td>{{n}}</td>"])
        let library = TemplateLibrary(directories: ["\(root)/t"])
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for n in 0..<16 {
                group.addTask { try library.render(templateNamed: "page", context: ["n": .int(n)]) }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(outputs == Set((0..<16).map { "<td>\($0)</td>" }))
    }
}
