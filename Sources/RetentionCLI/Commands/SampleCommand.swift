import Model
import Sample

/// `retention sample`: writes the deterministic demo CRM export set.
enum SampleCommand {
    static let spec = CommandSpec(
        name: "sample",
        summary: "Write a realistic, deterministic sample CRM export set (customers, subscriptions, invoices, surveys, tickets).",
        discussion: "The same options always give byte-identical files. Use it to try the tool, as a test bed, or with a large --customers count for benchmarks.",
        options: [
            OptionSpec("out", value: "DIR", help: "Folder to write the CSV files into (created if missing). Default: Output/sample-data."),
            OptionSpec("customers", value: "N", help: "Number of customers to generate (1 to 5000000). Default: 1200."),
            OptionSpec("months", value: "N", help: "Months of history, ending at --end (24 to 120). Default: 30."),
            OptionSpec("end", value: "DATE", help: "Last day of the generated history, YYYY-MM-DD. Default: 2026-11-20."),
            OptionSpec("seed", value: "S", help: "Seed of the generator (a whole number). Default: 42."),
            OptionSpec("no-invoices", help: "Do not write invoices.csv."),
            OptionSpec("clean", help: "Leave out the deliberately messy rows (bad dates, unknown customer, duplicate id)."),
        ]
    )

    static let defaultDirectory = "Output/sample-data"

    static func run(_ args: ParsedArguments, console: Console) throws -> ExitStatus {
        var options = SampleOptions()
        if let n = try args.integer("customers", in: 1...5_000_000) { options.customers = n }
        if let n = try args.integer("months", in: 24...120) { options.months = n }
        if let text = args.value("seed") {
            guard let seed = UInt64(text) else {
                throw UsageError.invalidValue(option: "seed", value: text, expected: "a whole number from 0 to 18446744073709551615")
            }
            options.seed = seed
        }
        if let text = args.value("end") {
            guard let day = Day(iso: text) else {
                throw UsageError.invalidValue(option: "end", value: text, expected: "a date as YYYY-MM-DD")
            }
            options.endDay = day
        }
        options.invoices = !args.flag("no-invoices")
        options.messyRows = !args.flag("clean")
        let directory = args.value("out") ?? defaultDirectory
        console.progress("writing sample data for \(options.customers) customers to \(directory)")
        let summary: SampleSummary
        do {
            summary = try SampleExport.write(to: directory, options: options)
        } catch {
            throw CommandFailure(message: "retention: error: \(error)", status: .outputError)
        }
        for file in summary.files {
            console.out("\(directory)/\(file.name): \(file.rows) rows, \(file.bytes) bytes\n")
        }
        return .success
    }
}
