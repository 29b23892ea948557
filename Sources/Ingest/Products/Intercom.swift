/// Intercom conversations export (Reports → Export conversations): each conversation is a
/// ticket; "Conversation rating" (1–5) is CSAT.
enum IntercomExports {
    static let rating = ExportFormat(
        .intercom, .surveys, kind: "conversation ratings", signature: ["Conversation ID", "Conversation rating"],
        columns: [
            "id": ["Conversation ID"], "customer": ["Company ID", "Company name", "User ID"],
            "date": ["Conversation rating updated at", "Updated at", "Created at"], "score": ["Conversation rating"],
            "comment": ["Conversation rating remark"],
        ],
        rules: RowRules(surveyKind: .csat))

    static let formats: [ExportFormat] = [
        ExportFormat(.intercom, .tickets, kind: "conversations", signature: ["Conversation ID", "Created at"],
                     fileNames: ["conversation"],
                     columns: [
                        "id": ["Conversation ID"], "customer": ["Company ID", "Company name", "User ID"],
                        "created": ["Created at"], "first_response": ["First response at", "First admin reply at"],
                        "resolved": ["Closed at", "Last closed at"], "status": ["State", "Status"],
                     ],
                     companions: [rating]),
    ]
}
