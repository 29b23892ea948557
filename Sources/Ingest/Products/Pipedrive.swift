/// Pipedrive exports (`deals-export.csv`, `organizations-export.csv`): headers "Deal - Title",
/// "Organization - Name", …; a deal's status is open, won or lost.
enum PipedriveExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.pipedrive, .orders, kind: "deals", signature: ["Deal - ID", "Deal - Status", "Deal - Value"],
                     fileNames: ["deal"],
                     columns: [
                        "id": ["Deal - ID"], "customer": ["Deal - Organization ID", "Organization - ID", "Deal - Organization"],
                        "date": ["Deal - Won time", "Deal - Expected close date", "Deal - Close time"],
                        "amount": ["Deal - Value"], "currency": ["Deal - Currency"], "status": ["Deal - Status"],
                     ],
                     rules: RowRules(dealStages: true)),
        ExportFormat(.pipedrive, .customers, kind: "organizations", signature: ["Organization - ID", "Organization - Name"],
                     fileNames: ["organization"],
                     columns: [
                        "id": ["Organization - ID"], "name": ["Organization - Name"],
                        "signup": ["Organization - Organization created", "Organization - Add time"],
                        "owner": ["Organization - Owner"], "region": ["Organization - Address - Country"],
                     ]),
    ]
}
