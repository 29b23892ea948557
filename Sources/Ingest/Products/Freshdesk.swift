/// Freshdesk ticket export (Tickets → Export, `tickets-export.csv`), with the company fields.
/// "Survey results" is left out: its labels are whatever the account's survey uses.
enum FreshdeskExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.freshdesk, .tickets, kind: "tickets", signature: ["Ticket ID", "Created time", "Resolution status"],
                     fileNames: ["ticket"],
                     columns: [
                        "id": ["Ticket ID"], "customer": ["Company Name", "Contact ID", "Email"],
                        "created": ["Created time", "Created Time"], "first_response": ["Initial response time"],
                        "resolved": ["Resolved time", "Closed time"], "priority": ["Priority"], "status": ["Status"],
                     ]),
    ]
}
