/// Exit statuses, documented in the README.
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// A report or HTML file failed validation (the previous report is left untouched).
    case invalidReport = 1
    /// The command line is wrong (unknown option, missing value, …).
    case usage = 2
    /// An input could not be used: unreadable file, no header, ambiguous dates, mixed
    /// currencies without rates, or a skipped row under `--strict`.
    case inputError = 3
    /// A template could not be parsed or rendered.
    case templateError = 4
    /// The output could not be written (permission, disk full, missing folder).
    case outputError = 5
}
