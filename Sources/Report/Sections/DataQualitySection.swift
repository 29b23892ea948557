import Metrics
import Model
import Mustache

/// The data-quality appendix: for every input, rows read = rows used + rows skipped (skipped
/// split into excluded by a product rule and unreadable), the skip reasons with located
/// examples, warnings about the file as a whole, and the files of the folder not used and why;
/// and the sign-ups who never paid, which no metric counts as customers.
struct DataQualitySection {
    let inputs: [InputAccounting]
    var notUsed: [NotUsedInput] = []
    let format: ReportFormatter

    init(inputs: [InputAccounting], notUsed: [NotUsedInput] = [], format: ReportFormatter) {
        self.inputs = inputs
        self.notUsed = notUsed
        self.format = format
    }

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
            columns: ["File", "Holds", "Rows read", "Used", "Excluded by rule", "Unreadable", "Matched to customers",
                      "SHA-256"].map { TableView.Column($0) },
            rows: inputs.map { input in
                TableView.Row(header: input.path, cells: [
                    TableView.Cell(input.source.isEmpty ? input.entity : "\(input.entity) (\(input.source))"),
                    TableView.Cell(format.integer(input.rowsRead)),
                    TableView.Cell(format.integer(input.rowsUsed)),
                    TableView.Cell(format.integer(input.rowsExcluded)),
                    TableView.Cell(format.integer(input.rowsUnreadable), cssClass: input.rowsUnreadable > 0 ? "bad" : ""),
                    joinCell(input.join),
                    TableView.Cell(String(input.sha256.prefix(12)), title: input.sha256),
                ])
            } + notUsed.map { file in
                TableView.Row(header: file.path, cells: [
                    TableView.Cell("not used: \(file.reason)"), TableView.Cell("–"), TableView.Cell("–"),
                    TableView.Cell("–"), TableView.Cell("–"), TableView.Cell("–"), TableView.Cell("–"),
                ])
            })
        let details = MustacheValue.list(inputs.map { input in
            .object([
                "path": .string(input.path),
                "has_problems": .bool(!input.skipped.isEmpty || !input.warnings.isEmpty
                    || input.join.map { !$0.isByIDOnly } == true),
                "join": input.join.flatMap { $0.isByIDOnly ? nil : MustacheValue.string(joinSentence($0)) } ?? .null,
                "warnings": .list(input.warnings.map { .string($0) }),
                "skipped": .list(input.skipped.map { reason in
                    .object([
                        "reason": .string(reason.reason.replacingOccurrences(of: "_", with: " ")
                            + (InputAccounting.excludedByRule.contains(reason.reason) ? " (excluded by rule)" : "")),
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

    /// "96.0 %" and the methods, or "—" for files not matched to customers.
    private func joinCell(_ join: CustomerJoin?) -> TableView.Cell {
        guard let join else { return TableView.Cell("—") }
        let methods = join.matched.keys.sorted().map(\.label).joined(separator: ", ")
        return TableView.Cell(format.percent(join.rate) + (methods.isEmpty ? "" : " (\(methods))"),
                              cssClass: join.rate < 1 ? "bad" : "")
    }

    /// E.g. "Matched to customers by column “Email”: 48 of 50 rows (96.0 %) — 40 by e-mail, 8 by e-mail domain."
    private func joinSentence(_ join: CustomerJoin) -> String {
        "Matched to customers by column “\(join.column)”: \(format.integer(join.matchedRows)) of "
            + "\(format.integer(join.rowsWithKey)) rows (\(format.percent(join.rate)))"
            + (join.methodSummary.isEmpty ? "" : " — " + join.methodSummary) + "."
    }
}
