import Ingest

/// `retention inspect`: what the tool sees in an export file.
enum InspectCommand {
    static let spec = CommandSpec(
        name: "inspect",
        summary: "Show how export files are read: encoding, delimiter, rows, headers, column mapping, sample values, problems. "
            + "Exits 3 when a file has an error that stops 'retention report' from using it.",
        options: [
            OptionSpec("preset", value: "NAME", help: "Column names of a known export: hubspot, salesforce, stripe, zendesk, delighted."),
            OptionSpec("map", value: "ENTITY.FIELD=HEADER", repeatable: true, help: "Map a column, as for 'retention report'."),
        ],
        positionals: [PositionalSpec("FILE", minimum: 1, maximum: nil, help: "CSV files to inspect.")]
    )

    static func run(_ args: ParsedArguments, console: Console) throws -> ExitStatus {
        var options = IngestOptions()
        try ReportSettings.applyMappingOptions(args, to: &options)
        var failed = false
        for (i, path) in args.positionals.enumerated() {
            do {
                let report = try inspect(path: path, options: options)
                // Sample values come from the file: escaped, and cut when huge, before they reach a terminal.
                console.out((i > 0 ? "\n" : "") + TerminalText.escaped(TerminalText.bounded(report.description, lineLimit: nil)) + "\n")
                if report.hasErrors { failed = true }
            } catch {
                console.err(error.description + "\n")
                failed = true
            }
        }
        return failed ? .inputError : .success
    }
}
