/// Typeform results download (`responses-<form>-….csv`): `#` (response token), one column per
/// question titled with the question, then `Start Date (UTC)`, `Submit Date (UTC)`, `Network ID`.
/// The NPS question is found by its wording ("…recommend…"), the e-mail by "email".
enum TypeformExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.typeform, .surveys, kind: "responses", signature: ["#", "Submit Date (UTC)", "Network ID"],
                     fileNames: ["responses"],
                     columns: ["id": ["#"], "date": ["Submit Date (UTC)"]],
                     questionColumns: ["nps_score": ["recommend", "nps"], "csat_score": ["satisfied", "satisfaction"],
                                       "customer": ["email"], "comment": ["reason", "why", "comment", "feedback"]]),
    ]
}
