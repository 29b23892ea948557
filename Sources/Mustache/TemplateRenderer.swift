import MarkupText

/// Renders a template tree into one output string; every node appends to `output`, so the
/// work is linear in the size of the output (plus the lookups). The work and the output are
/// bounded by ``TemplateLimits``: templates are data, and data must not be able to hang or
/// exhaust the machine (40 partials each including the next twice is 2⁴⁰ expansions).
struct TemplateRenderer {
    static let partialNestingLimit = 100
    private let limits: TemplateLimits
    /// Nodes visited so far (each text, tag, section item and partial expansion counts one).
    private var steps = 0
    /// The partial tags being expanded, outermost first (for the limit error).
    private var expanding: [(name: String, location: SourceLocation)] = []
    private let rootPath: String

    private(set) var output = ""
    private let resolver: PartialResolver
    private let strict: Bool
    private var contextStack: [MustacheValue]
    /// The indentation of the enclosing standalone partials and blocks, outermost first.
    private var indentation = ""
    /// Block name → the content a parent call substitutes for it.
    private var overrides: [String: [TemplateNode]] = [:]
    private var partialDepth = 0
    /// Partials already loaded during this rendering; `nil` records a name that was not found.
    private var loaded: [String: Template?] = [:]

    init(context: MustacheValue, resolver: PartialResolver, strict: Bool, limits: TemplateLimits, rootPath: String) {
        self.limits = limits
        self.rootPath = rootPath
        contextStack = [context]
        self.resolver = resolver
        self.strict = strict
    }

    mutating func render(_ nodes: [TemplateNode]) throws(MustacheError) {
        for node in nodes {
            steps += 1
            if steps > limits.maximumSteps || output.utf8.count > limits.maximumOutputBytes {
                throw .renderLimitExceeded(
                    template: rootPath,
                    limit: steps > limits.maximumSteps ? .steps(limits.maximumSteps) : .outputBytes(limits.maximumOutputBytes),
                    partial: expanding.last?.name, at: expanding.last?.location)
            }
            switch node {
            case .text(let text):
                output += text
            case .lineStart:
                if !indentation.isEmpty, isAtLineStart { output += indentation }
            case let .variable(name, escaped):
                guard let value = lookUp(name) else { continue }
                if escaped {
                    MarkupText.appendEscaped(value.interpolationText, to: &output)
                } else {
                    output += value.interpolationText
                }
            case let .section(name, inverted, body):
                let value = lookUp(name) ?? .null
                if inverted {
                    if !value.isTruthy { try render(body) }
                } else if case .list(let items) = value {
                    for item in items {
                        contextStack.append(item)
                        try render(body)
                        contextStack.removeLast()
                    }
                } else if value.isTruthy {
                    contextStack.append(value)
                    try render(body)
                    contextStack.removeLast()
                }
            case let .partial(reference, partialIndentation, location):
                guard let (name, template) = try load(reference, at: location) else { continue }
                try expand(template, named: name, indentation: partialIndentation, overrides: overrides, at: location)
            case let .parent(reference, parentIndentation, blocks, location):
                guard let (name, template) = try load(reference, at: location) else { continue }
                // Substitutions from further out take precedence over this call's own.
                let combined = overrides.merging(blocks) { outer, _ in outer }
                try expand(template, named: name, indentation: parentIndentation, overrides: combined, at: location)
            case let .block(name, blockIndentation, body):
                let saved = indentation
                indentation += blockIndentation
                try render(overrides[name] ?? body)
                indentation = saved
            }
        }
    }

    private var isAtLineStart: Bool {
        output.isEmpty || output.utf8.last == UInt8(ascii: "\n")
    }

    private mutating func expand(_ template: Template, named name: String, indentation extra: String,
                                 overrides newOverrides: [String: [TemplateNode]],
                                 at location: SourceLocation) throws(MustacheError) {
        guard partialDepth < Self.partialNestingLimit else {
            throw .partialNestingTooDeep(name: name, limit: Self.partialNestingLimit, at: location)
        }
        let savedIndentation = indentation
        let savedOverrides = overrides
        partialDepth += 1
        indentation += extra
        overrides = newOverrides
        expanding.append((name, location))
        try render(template.nodes)
        expanding.removeLast()
        partialDepth -= 1
        indentation = savedIndentation
        overrides = savedOverrides
    }

    /// The partial a tag names, or `nil` when it renders as nothing: a dynamic name that does
    /// not resolve, or (when not strict) a name the resolver does not know.
    private mutating func load(_ reference: TemplateReference, at location: SourceLocation) throws(MustacheError) -> (String, Template)? {
        let name: String
        switch reference {
        case .named(let literal):
            name = literal
        case .dynamic(let tagName):
            guard let value = lookUp(tagName) else { return nil }
            name = value.interpolationText
            if name.isEmpty { return nil }
        }
        let template: Template?
        if let cached = loaded[name] {
            template = cached
        } else {
            template = try resolver.template(named: name)
            loaded[name] = template
        }
        guard let template else {
            if strict { throw .partialNotFound(name: name, at: location) }
            return nil
        }
        return (name, template)
    }

    /// Resolves a name against the context stack: the first part against the innermost
    /// object that has it, each further part against the value found so far only.
    /// `nil` means the name does not resolve (renders like null).
    private func lookUp(_ name: TagName) -> MustacheValue? {
        guard let first = name.parts.first else { return contextStack.last }
        var found: MustacheValue?
        for context in contextStack.reversed() {
            if case .object(let members) = context, let value = members[first] {
                found = value
                break
            }
        }
        guard var current = found else { return nil }
        for part in name.parts.dropFirst() {
            guard case .object(let members) = current, let value = members[part] else { return nil }
            current = value
        }
        return current
    }
}
