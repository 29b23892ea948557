/// Qualtrics "CSV" data export (`NPS+Survey_July+1,+2024_10.12.csv`): internal names in the
/// header, question texts in row 2, `{"ImportId":…}` in row 3 (both `extra_header_row`).
enum QualtricsExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.qualtrics, .surveys, kind: "responses", signature: ["ResponseId", "RecordedDate", "Finished"],
                     fileNames: ["survey"],
                     columns: ["id": ["ResponseId"], "customer": ["RecipientEmail", "ExternalReference"],
                               "date": ["RecordedDate", "EndDate"]],
                     questionColumns: ["nps_score": ["recommend"], "csat_score": ["csat", "satisf"]],
                     npsGroupSuffix: "_NPS_GROUP",
                     rules: RowRules(extraHeaderRows: 2)),
    ]
}
