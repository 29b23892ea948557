/// Delighted response export (`delighted-….csv`): NPS by default.
enum DelightedExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.delighted, .surveys, kind: "responses", signature: ["Response ID", "Score", "Comment", "Permalink"],
                     fileNames: ["delighted"],
                     columns: [
                        "id": ["Response ID", "id"], "customer": ["Customer ID", "Person ID", "Email"],
                        "date": ["Created At", "Response Timestamp", "Created", "Date"], "score": ["Score"],
                        "comment": ["Comment"],
                     ],
                     rules: RowRules(surveyKind: .nps)),
    ]
}
