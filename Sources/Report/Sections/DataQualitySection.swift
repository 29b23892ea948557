import Metrics
import Model
import Mustache

/// The data-quality appendix: for every input, rows read = rows used + rows skipped, the skip
/// reasons with located examples, and warnings about the file as a whole; and the sign-ups
/// who never paid, which no metric counts as customers.
struct DataQualitySection {
    let inputs: [InputAccounting]
    let format: ReportFormatter

    /// "Signed up, never paid: N" (with a revenue file; nil for a customers-only report, where
    /// every sign-up is a customer).
    static func neverPaid(_ ledger: ActivityLedger, format: ReportFormatter) -> MustacheValue? {
        guard ledger.model != .customerRecords else { return nil }
        return .object([
            "count": .string(format.integer(ledger.neverPaid)),
            "as_of": .string(ledger.asOf.description),
        ])
    }

    func context() -> (table: MustacheValue, inputs: MustacheValue) {
        let table = TableView(
            caption: "Rows per input file",
            columns: ["File", "Holds", "Rows read", "Used", "Skipped", "SHA-256"].map { TableView.Column($0) },
            rows: inputs.map { input in
                TableView.Row(header: input.path, cells: [
                    TableView.Cell(input.entity), TableView.Cell(format.integer(input.rowsRead)),
                    TableView.Cell(format.integer(input.rowsUsed)),
                    TableView.Cell(format.integer(input.rowsSkipped), cssClass: input.rowsSkipped > 0 ? "bad" : ""),
                    TableView.Cell(String(input.sha256.prefix(12)), title: input.sha256),
                ])
            })
        let details = MustacheValue.list(inputs.map { input in
            .object([
                "path": .string(input.path),
                "has_problems": .bool(!input.skipped.isEmpty || !input.warnings.isEmpty),
                "warnings": .list(input.warnings.map { .string($0) }),
                "skipped": .list(input.skipped.map { reason in
                    .object([
                        "reason": .string(reason.reason.replacingOccurrences(of: "_", with: " ")),
                        "count": .string(format.integer(reason.count)),
                        "examples": .list(reason.examples.map {
                            .object(["location": .string("\($0.line):\($0.column)"), "message": .string($0.message)])
                        }),
                    ])
                }),
            ])
        })
        return (table.context, details)
    }
}
