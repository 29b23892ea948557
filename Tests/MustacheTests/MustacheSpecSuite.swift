import Foundation
import Mustache

/// The official Mustache spec (github.com/mustache/spec, JSON form), found at
/// `$MUSTACHE_SPEC_DIR`, `<repo>/../shared/data/mustache-spec` or `/work/shared/data/mustache-spec`.
enum MustacheSpecSuite {
    /// Lambdas need code in the data; our templates and contexts hold none.
    static let skippedFiles: Set<String> = ["~lambdas.json"]

    static let directory: URL? = {
        var candidates: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["MUSTACHE_SPEC_DIR"], !fromEnvironment.isEmpty {
            candidates.append(fromEnvironment)
        }
        // #filePath is <repo>/Tests/MustacheTests/MustacheSpecSuite.swift.
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repository.deletingLastPathComponent().appendingPathComponent("shared/data/mustache-spec").path)
        candidates.append("/work/shared/data/mustache-spec")
        for candidate in candidates {
            let url = URL(fileURLWithPath: candidate)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("interpolation.json").path) {
                return url
            }
        }
        return nil
    }()

    static var isAvailable: Bool { directory != nil }

    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let name: String
        let template: String
        let data: MustacheValue
        let partials: [String: String]
        let expected: String

        var description: String { "\(file): \(name)" }

        /// The rendering, or the error's description when rendering fails.
        func run() -> String {
            do {
                let parsed = try Template(source: template, path: "\(file): \(name)")
                return try parsed.render(data, partials: .dictionary(partials))
            } catch {
                return "error: \(error)"
            }
        }
    }

    /// Spec file names, sorted, lambdas included (they are reported as skipped).
    static let fileNames: [String] = {
        guard let directory else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    static let cases: [Case] = fileNames.filter { !skippedFiles.contains($0) }.flatMap { (try? load($0)) ?? [] }

    static func load(_ file: String) throws -> [Case] {
        guard let directory else { return [] }
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        guard case .object(let root) = try MustacheValue(jsonData: data),
              case .list(let tests)? = root["tests"] else { return [] }
        return tests.compactMap { test -> Case? in
            guard case .object(let fields) = test,
                  case .string(let name)? = fields["name"],
                  case .string(let template)? = fields["template"],
                  case .string(let expected)? = fields["expected"] else { return nil }
            var partials: [String: String] = [:]
            if case .object(let entries)? = fields["partials"] {
                for (key, value) in entries {
                    if case .string(let source) = value { partials[key] = source }
                }
            }
            return Case(file: file, name: name, template: template, data: fields["data"] ?? .null,
                        partials: partials, expected: expected)
        }
    }
}
