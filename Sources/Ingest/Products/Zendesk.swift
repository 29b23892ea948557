/// Zendesk Support exports: the tickets CSV export (`export-2024-07-01-1010-….csv`), whose
/// "Satisfaction Score" column also gives each ticket's good/bad rating, and the satisfaction
/// ratings export. "Offered", "Not Offered" and "Unoffered" mean no rating was given.
enum ZendeskExports {
    static let satisfaction = ExportFormat(
        .zendesk, .surveys, kind: "ticket satisfaction", signature: ["Id", "Satisfaction Score"],
        columns: [
            "id": ["Id"], "customer": ["Organization", "Requester id", "Requester"],
            "date": ["Updated at", "Solved at", "Created at"], "score": ["Satisfaction Score"],
        ],
        rules: RowRules(surveyKind: .csatGoodBad))

    static let formats: [ExportFormat] = [
        ExportFormat(.zendesk, .tickets, kind: "tickets", signature: ["Id", "Requester", "Created at", "Solved at"],
                     fileNames: ["export-", "ticket"],
                     columns: [
                        "id": ["Id", "Ticket ID"], "customer": ["Organization", "Requester id", "Requester"],
                        "created": ["Created at"], "first_response_minutes": ["First reply time in minutes"],
                        "resolved": ["Solved at"], "priority": ["Priority"], "status": ["Status"],
                     ],
                     companions: [satisfaction]),
        ExportFormat(.zendesk, .surveys, kind: "satisfaction ratings", signature: ["Ticket ID", "Score", "Created at"],
                     fileNames: ["satisfaction"],
                     columns: [
                        "id": ["Id", "Ticket ID"], "customer": ["Organization", "Requester id", "Requester"],
                        "date": ["Created at", "Updated at"], "score": ["Score", "Satisfaction Score"], "comment": ["Comment"],
                     ],
                     rules: RowRules(surveyKind: .csatGoodBad)),
    ]
}
