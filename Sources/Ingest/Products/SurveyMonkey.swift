/// SurveyMonkey "All individual responses" CSV (`Sheet_1.csv` in the zip): respondent columns,
/// then one column per question; the second row holds answer labels ("Response",
/// "Open-Ended Response"), set aside as `extra_header_row`.
enum SurveyMonkeyExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.surveymonkey, .surveys, kind: "responses",
                     signature: ["Respondent ID", "Collector ID", "Start Date", "End Date"],
                     fileNames: ["sheet"],
                     columns: ["id": ["Respondent ID"], "customer": ["Email Address", "Custom Data 1"], "date": ["End Date"]],
                     questionColumns: ["nps_score": ["recommend"], "csat_score": ["satisfied", "satisfaction"],
                                       "comment": ["reason", "why", "comment", "feedback"]],
                     rules: RowRules(extraHeaderRows: 1)),
    ]
}
