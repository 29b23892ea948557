/// The options and positionals of one command line, checked against a `CommandSpec`.
///
/// Accepted forms: `--name value`, `--name=value`, flags `--name`, and `--` to end options.
/// Unknown options, missing values and wrong positional counts are `UsageError`s.
public struct ParsedArguments: Sendable, Equatable {
    public private(set) var values: [String: [String]] = [:]
    public private(set) var flags: Set<String> = []
    public private(set) var positionals: [String] = []

    public init(_ arguments: [String], spec: CommandSpec) throws(UsageError) {
        let byName = Dictionary(spec.options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard !optionsEnded, argument.hasPrefix("--"), argument.count > 2 else {
                if argument == "--" && !optionsEnded { optionsEnded = true } else { positionals.append(argument) }
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let option = byName[name] else { throw .unknownOption("--" + name, command: spec.name) }
            if option.isFlag {
                if inlineValue != nil { throw .unexpectedValue(option: name) }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count, !arguments[index].hasPrefix("--") else { throw .missingValue(option: name) }
                value = arguments[index]
                index += 1
            }
            if values[name] != nil && !option.repeatable { throw .repeatedOption(name) }
            values[name, default: []].append(value)
        }
        if flags.contains("help") { return }
        try checkPositionals(spec.positionals)
    }

    private func checkPositionals(_ specs: [PositionalSpec]) throws(UsageError) {
        let minimum = specs.reduce(0) { $0 + $1.minimum }
        if positionals.count < minimum {
            throw .missingArgument(specs.first { $0.minimum > 0 }.map(\.name) ?? "")
        }
        if !specs.contains(where: { $0.maximum == nil }) {
            let maximum = specs.reduce(0) { $0 + ($1.maximum ?? 0) }
            if positionals.count > maximum { throw .extraArgument(positionals[maximum]) }
        }
    }

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// An integer option within `range`, or nil when absent.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw .invalidValue(option: name, value: text, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// One of a fixed set of words, or nil when absent.
    public func choice(_ name: String, of choices: [String]) throws(UsageError) -> String? {
        guard let text = value(name) else { return nil }
        guard choices.contains(text) else {
            throw .invalidValue(option: name, value: text, expected: "one of " + choices.joined(separator: ", "))
        }
        return text
    }
}
