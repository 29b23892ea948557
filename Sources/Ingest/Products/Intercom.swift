/// Intercom's report exports (Reports → a dataset → Export CSV), headed by the datasets'
/// attribute names. Every timestamp header carries the workspace's time zone
/// (`Conversation started at (America/New_York)`, matched without it) and its values are
/// `YYYY-MM-DD HH:MM:SS` wall-clock times in that zone.
///
/// - Conversations dataset: each conversation is a ticket (started, first replied, last
///   closed; company or user as the customer). Its "Last teammate rating" columns are left
///   out: the same ratings are the CSAT dataset's rows.
/// - CSAT dataset: one row per "Conversation rating" (1–5, satisfied = 4 or 5), as CSAT.
enum IntercomExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.intercom, .surveys, kind: "conversation ratings (CSAT)",
                     signature: ["Conversation ID", "Conversation rating"],
                     fileNames: ["csat", "rating"],
                     columns: [
                        "id": ["Conversation ID"], "customer": ["Company name", "Company ID", "User email", "User name"],
                        "date": ["Updated at", "Updated at (UTC)", "Conversation rating updated at"],
                        "score": ["Conversation rating"], "comment": ["Conversation rating remark"],
                     ],
                     rules: RowRules(surveyKind: .csat)),
        ExportFormat(.intercom, .tickets, kind: "conversations",
                     signature: ["Conversation ID", "Conversation started at"],
                     fileNames: ["conversation"],
                     columns: [
                        "id": ["Conversation ID"], "customer": ["Company name", "Company ID", "User email", "User ID"],
                        "created": ["Conversation started at", "Conversation created at", "Conversation started at (UTC)"],
                        "first_response": ["Conversation first replied at", "Conversation first replied at (UTC)"],
                        "resolved": ["Conversation last closed at", "Conversation first closed at",
                                     "Conversation last closed at (UTC)"],
                        "status": ["Current conversation state"],
                     ]),
    ]
}
