/// A command line that cannot be run as written. Exits with status 2 and a one-line reason.
public enum UsageError: Error, Equatable, CustomStringConvertible {
    case unknownCommand(String)
    case unknownOption(String, command: String)
    case missingValue(option: String)
    case unexpectedValue(option: String)
    case repeatedOption(String)
    case missingArgument(String)
    case extraArgument(String)
    case invalidValue(option: String, value: String, expected: String)
    case conflict(String)

    public var description: String {
        switch self {
        case .unknownCommand(let c):
            return "unknown command '\(c)' (commands: sample, report, validate, inspect, render, templates; see 'retention --help')"
        case .unknownOption(let o, let command):
            return "unknown option '\(o)' for 'retention \(command)' (see 'retention \(command) --help')"
        case .missingValue(let o): return "option '--\(o)' needs a value"
        case .unexpectedValue(let o): return "option '--\(o)' takes no value"
        case .repeatedOption(let o): return "option '--\(o)' given more than once"
        case .missingArgument(let a): return "missing argument \(a)"
        case .extraArgument(let a): return "unexpected argument '\(a)'"
        case .invalidValue(let o, let v, let expected): return "invalid value '\(v)' for '--\(o)': expected \(expected)"
        case .conflict(let reason): return reason
        }
    }
}
