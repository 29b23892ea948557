/// One option a command accepts, declared once with its help text.
public struct OptionSpec: Sendable {
    /// Long name without dashes, e.g. `as-of` for `--as-of`.
    public let name: String
    /// Placeholder shown in help for the value (`DATE`), or nil for a flag that takes no value.
    public let valueName: String?
    public let help: String
    /// Whether the option may be given more than once (`--map a=b --map c=d`).
    public let repeatable: Bool

    public init(_ name: String, value: String? = nil, repeatable: Bool = false, help: String) {
        self.name = name
        self.valueName = value
        self.help = help
        self.repeatable = repeatable
    }

    public var isFlag: Bool { valueName == nil }

    /// `--as-of DATE` or `--strict`, as shown in help.
    var synopsis: String { valueName.map { "--\(name) \($0)" } ?? "--\(name)" }
}

/// A positional argument.
public struct PositionalSpec: Sendable {
    public let name: String
    public let help: String
    /// How many values it takes at least and at most (`nil` = unbounded).
    public let minimum: Int
    public let maximum: Int?

    public init(_ name: String, minimum: Int = 1, maximum: Int? = 1, help: String) {
        self.name = name
        self.help = help
        self.minimum = minimum
        self.maximum = maximum
    }

    var synopsis: String {
        switch (minimum, maximum) {
        case (0, 1): return "[\(name)]"
        case (1, 1): return name
        case (0, nil): return "[\(name)…]"
        default: return "\(name)…"
        }
    }
}
