import Foundation
import Mustache
import Testing

@Suite("Mustache spec conformance", .enabled(if: MustacheSpecSuite.isAvailable,
    "Mustache spec folder not found: set MUSTACHE_SPEC_DIR or provide ../shared/data/mustache-spec"))
struct SpecConformanceTests {
    @Test("Spec case renders as expected", arguments: MustacheSpecSuite.cases)
    func specCase(_ specCase: MustacheSpecSuite.Case) {
        let rendered = specCase.run()
        #expect(rendered == specCase.expected, "\(specCase.file): \(specCase.name)\ntemplate: \(specCase.template.debugDescription)")
    }

    @Test func everyFileOfTheSpecPassesInFull() throws {
        var report: [String] = []
        var failures: [String] = []
        for file in MustacheSpecSuite.fileNames {
            if MustacheSpecSuite.skippedFiles.contains(file) {
                report.append("\(file): skipped (lambdas need code in the data; templates here hold none)")
                continue
            }
            let cases = try MustacheSpecSuite.load(file)
            let failed = cases.filter { $0.run() != $0.expected }
            failures += failed.map(\.description)
            report.append("\(file): \(cases.count - failed.count)/\(cases.count) pass")
        }
        print("Mustache spec:\n" + report.joined(separator: "\n"))
        // The required modules plus inheritance and dynamic names: 136 + 27 + 21 cases.
        #expect(MustacheSpecSuite.cases.count == 184)
        #expect(failures.isEmpty, "failing spec cases: \(failures.joined(separator: "; "))")
    }
}
