import Validation

/// `retention validate`: the report checks, on any HTML file.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate",
        summary: "Check HTML files the way every report is checked (libxml2): well-formed, self-contained, accessible.",
        discussion: "Prints one line per problem as file:line:column: error: [rule] message and exits 1 if there is any; exits 0 when every file is valid.",
        options: [
            OptionSpec("json", help: "Print the findings as JSON instead of lines."),
        ],
        positionals: [PositionalSpec("FILE", minimum: 1, maximum: nil, help: "HTML files to check.")]
    )

    static func run(_ args: ParsedArguments, console: Console) throws -> ExitStatus {
        let validator = ReportValidator()
        var findings: [ValidationFinding] = []
        for path in args.positionals {
            findings += validator.validate(fileAt: path)
        }
        if args.flag("json") {
            console.out(ReportValidator.json(findings) + "\n")
        } else {
            for finding in findings { console.out(TerminalText.escaped("\(finding)") + "\n") }
        }
        return findings.isEmpty ? .success : .invalidReport
    }
}
