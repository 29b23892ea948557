import Model

/// The `retention` command line: dispatches to the subcommands and turns every error into a
/// message and an `ExitStatus`. The executable only calls `run` and exits with its status.
public enum RetentionCommandLine {
    public static let version = "0.1.0"

    static let commands: [CommandSpec] = [
        SampleCommand.spec, ReportCommand.spec, ValidateCommand.spec, InspectCommand.spec, RenderCommand.spec,
        TemplatesCommand.spec,
    ]

    public static var helpText: String {
        let width = commands.map(\.name.count).max()!
        var text = """
        usage: retention <command> [options]

        Turns CRM exports (customers, subscriptions or invoices, surveys, support tickets) into a
        self-contained HTML retention report, validated before it is written.

        Commands:

        """
        for c in commands {
            text += "  " + c.name + String(repeating: " ", count: width - c.name.count) + "  " + c.summary + "\n"
        }
        text += """

        Options:
          --help     Show this help and exit.
          --version  Show the version and exit.

        Run 'retention <command> --help' for a command's options. With no command, 'retention report'
        renders the sample report (writing the sample data first if it is missing).

        Exit status: 0 success, 1 a report failed validation (the previous one is untouched), 2 usage
        error, 3 input error, 4 template error, 5 output could not be written.

        """
        return text
    }

    /// Runs one command line (without the program name) and returns the exit status.
    /// - Parameters:
    ///   - clock: the current time, read at most once, by `report` without `--as-of`
    ///     (tests fix it).
    ///   - finished: called by a successful `report` once everything is written and its
    ///     path printed, while the run's data is still held (see ``ReportCommand/run(_:console:clock:finished:)``);
    ///     the executable exits there, so the process does not free what it is about to drop whole.
    public static func run(_ arguments: [String], console: Console = .standard,
                           clock: @escaping @Sendable () -> Instant = WallClock.now,
                           finished: (ExitStatus) -> Void = { _ in }) -> ExitStatus {
        let report = { (args: ParsedArguments, console: Console) throws -> ExitStatus in
            try ReportCommand.run(args, console: console, clock: clock, finished: finished)
        }
        guard let first = arguments.first else {
            return execute(ReportCommand.spec, [], console: console, report)
        }
        switch first {
        case "--help", "-h", "help":
            if arguments.count > 1, let spec = commands.first(where: { $0.name == arguments[1] }) {
                console.out(spec.helpText)
            } else {
                console.out(helpText)
            }
            return .success
        case "--version":
            console.out("retention \(version)\n")
            return .success
        case SampleCommand.spec.name: return execute(SampleCommand.spec, arguments, console: console, SampleCommand.run)
        case ReportCommand.spec.name: return execute(ReportCommand.spec, arguments, console: console, report)
        case ValidateCommand.spec.name: return execute(ValidateCommand.spec, arguments, console: console, ValidateCommand.run)
        case InspectCommand.spec.name: return execute(InspectCommand.spec, arguments, console: console, InspectCommand.run)
        case RenderCommand.spec.name: return execute(RenderCommand.spec, arguments, console: console, RenderCommand.run)
        case TemplatesCommand.spec.name: return execute(TemplatesCommand.spec, arguments, console: console, TemplatesCommand.run)
        default:
            if first.hasPrefix("-") {
                return usage(.unknownOption(first, command: "report"), spec: nil, console: console)
            }
            return usage(.unknownCommand(first), spec: nil, console: console)
        }
    }

    private static func execute(
        _ spec: CommandSpec, _ arguments: [String], console: Console,
        _ body: (ParsedArguments, Console) throws -> ExitStatus
    ) -> ExitStatus {
        let parsed: ParsedArguments
        do {
            parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: spec)
        } catch {
            return usage(error, spec: spec, console: console)
        }
        if parsed.flag("help") {
            console.out(spec.helpText)
            return .success
        }
        do {
            return try body(parsed, console)
        } catch let error as UsageError {
            return usage(error, spec: spec, console: console)
        } catch let error as CommandFailure {
            console.err(error.message.hasSuffix("\n") ? error.message : error.message + "\n")
            return error.status
        } catch {
            console.err("retention: error: \(error)\n")
            return .inputError
        }
    }

    private static func usage(_ error: UsageError, spec: CommandSpec?, console: Console) -> ExitStatus {
        console.err("retention: error: \(error)\n")
        return .usage
    }
}

/// An error already phrased for the user, with the status to exit with.
struct CommandFailure: Error {
    let message: String
    let status: ExitStatus
}
