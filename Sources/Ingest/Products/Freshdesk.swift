/// Freshdesk's ticket export (Tickets → Export, `tickets-export.csv`), with the company fields.
/// Its "Survey results" column is each ticket's satisfaction survey answer, read as CSAT.
enum FreshdeskExports {
    /// The answers of Freshdesk's satisfaction survey, by the labels of its rating scale
    /// (the API's values 103 … -103): the happy side is satisfied (1), neutral and the unhappy
    /// side are not (0), so CSAT is the share of positive answers, as Freshdesk reports it.
    /// A survey whose labels were renamed by the account is not read (`bad_score`).
    static let surveyLabels: [(label: String, score: Double)] = [
        ("Extremely Happy", 1), ("Very Happy", 1), ("Happy", 1), ("Neutral", 0), ("Unhappy", 0),
        ("Very Unhappy", 0), ("Extremely Unhappy", 0),
    ]

    static let satisfaction = ExportFormat(
        .freshdesk, .surveys, kind: "ticket survey results", signature: ["Ticket ID", "Survey results"],
        columns: [
            "id": ["Ticket ID"], "customer": ["Company Name", "Contact ID", "Email"],
            "date": ["Resolved time", "Closed time", "Last update time"], "score": ["Survey results"],
        ],
        rules: RowRules(surveyKind: .csatGoodBad, ratingLabels: surveyLabels))

    static let formats: [ExportFormat] = [
        ExportFormat(.freshdesk, .tickets, kind: "tickets", signature: ["Ticket ID", "Created time", "Resolution status"],
                     fileNames: ["ticket"],
                     columns: [
                        "id": ["Ticket ID"], "customer": ["Company Name", "Contact ID", "Email"],
                        "created": ["Created time", "Created Time"], "first_response": ["Initial response time"],
                        "resolved": ["Resolved time", "Closed time"], "priority": ["Priority"], "status": ["Status"],
                     ],
                     companions: [satisfaction]),
    ]
}
