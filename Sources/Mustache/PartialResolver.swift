import FileAccess
import Foundation
import Synchronization

/// Where partial and parent tags find their templates, by the name written in the tag.
///
/// Rendering asks for each name once per rendering; ``directories(_:)`` also keeps parsed
/// templates across renderings.
public struct PartialResolver: Sendable {
    private let lookUp: @Sendable (String) throws(MustacheError) -> Template?

    /// A resolver from a function returning parsed templates (`nil`: no such partial).
    public init(templates: @escaping @Sendable (_ name: String) throws(MustacheError) -> Template?) {
        lookUp = templates
    }

    /// A resolver from a function returning template source and the path to report errors
    /// against (`nil`: no such partial).
    public init(sources: @escaping @Sendable (_ name: String) -> (source: String, path: String)?) {
        lookUp = { (name: String) throws(MustacheError) -> Template? in
            guard let found = sources(name) else { return nil }
            return try Template(source: found.source, path: found.path)
        }
    }

    func template(named name: String) throws(MustacheError) -> Template? {
        try lookUp(name)
    }

    /// No partials: every partial tag renders as nothing (or fails, when strict).
    public static let none = PartialResolver(templates: { _ in nil })

    /// Partials given as source text by name; errors are reported against the name.
    public static func dictionary(_ partials: [String: String]) -> PartialResolver {
        PartialResolver(sources: { name in partials[name].map { ($0, name) } })
    }

    /// Partials read from `<directory>/<name>.mustache` in the first directory that has the
    /// file, so a user's template directory listed first overrides the defaults listed after
    /// it. Parsed templates are kept for the life of the resolver (files are read once).
    /// A name that would leave the directory (absolute, or with a `..` component) is not found.
    ///
    /// `builtIn` (name → source) is searched after every directory: templates compiled into the
    /// program. Errors in one are reported against `builtInPath(name)`.
    public static func directories(_ directories: [String], builtIn: [String: String] = [:],
                                   builtInPath: @escaping @Sendable (String) -> String = { "\($0).mustache" }) -> PartialResolver {
        let cache = TemplateCache()
        return PartialResolver(templates: { (name: String) throws(MustacheError) -> Template? in
            if let cached = cache.lookUp(name) { return cached }
            var template = try TemplateFiles.load(name: name, directories: directories)
            if template == nil, let source = builtIn[name] {
                template = try Template(source: source, path: builtInPath(name))
            }
            cache.store(template, for: name)
            return template
        })
    }
}

/// Parsed templates by name, shared by every rendering that uses one resolver.
private final class TemplateCache: Sendable {
    private let entries = Mutex<[String: Template?]>([:])

    /// `.some(nil)` records a name known to be missing.
    func lookUp(_ name: String) -> Template?? {
        entries.withLock { $0[name] }
    }

    func store(_ template: Template?, for name: String) {
        entries.withLock { $0[name] = template }
    }
}

enum TemplateFiles {
    static func path(of name: String, in directory: String) -> String {
        var directory = directory
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        return directory.isEmpty ? "\(name).mustache" : "\(directory)/\(name).mustache"
    }

    /// The template `<name>.mustache` from the first directory that has it, or `nil`.
    static func load(name: String, directories: [String]) throws(MustacheError) -> Template? {
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else { return nil }
        for directory in directories {
            let path = path(of: name, in: directory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            // Regular files only: a named pipe in a template folder never hangs a render.
            let bytes: [UInt8]
            do { bytes = try RegularFile.read(path) } catch {
                guard case .notRegularFile = error.reason else {
                    throw .unreadableTemplate(path: path, reason: "the file cannot be opened")
                }
                throw .unreadableTemplate(path: path, reason: error.reasonText)
            }
            guard let source = String(data: Data(bytes), encoding: .utf8) else {
                throw .unreadableTemplate(path: path, reason: "the file is not UTF-8 text")
            }
            return try Template(source: source, path: path)
        }
        return nil
    }
}
