/// A subcommand: its name, one-line summary, longer description, options and positionals.
public struct CommandSpec: Sendable {
    public let name: String
    public let summary: String
    public let discussion: String
    public let options: [OptionSpec]
    public let positionals: [PositionalSpec]

    public init(name: String, summary: String, discussion: String = "", options: [OptionSpec],
                positionals: [PositionalSpec] = []) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.options = options + [OptionSpec("help", help: "Show this help and exit.")]
        self.positionals = positionals
    }

    /// `usage: retention report [options]` line.
    public var usageLine: String {
        var parts = ["usage: retention", name]
        if options.count > 1 { parts.append("[options]") }
        parts += positionals.map(\.synopsis)
        return parts.joined(separator: " ")
    }

    /// The full `--help` text.
    public var helpText: String {
        var text = "\(usageLine)\n\n\(summary)\n"
        if !discussion.isEmpty { text += "\n\(discussion)\n" }
        if !positionals.isEmpty {
            text += "\nArguments:\n"
            let width = positionals.map(\.name.count).max()!
            for p in positionals { text += "  " + pad(p.name, width) + "  " + p.help + "\n" }
        }
        text += "\nOptions:\n"
        let width = options.map(\.synopsis.count).max()!
        for o in options {
            text += "  " + pad(o.synopsis, width) + "  " + o.help + (o.repeatable ? " (repeatable)" : "") + "\n"
        }
        return text
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }
}
