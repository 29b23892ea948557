/// Zoho CRM module export (`Accounts_2024_07_01.csv`, `Deals_….csv`): "Record Id", field labels.
enum ZohoExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.zoho, .customers, kind: "accounts", signature: ["Record Id", "Account Name", "Created Time"],
                     fileNames: ["account"],
                     columns: [
                        "id": ["Record Id"], "name": ["Account Name"], "signup": ["Created Time"],
                        "segment": ["Account Type", "Industry"], "owner": ["Account Owner"],
                        "region": ["Billing Country"], "last_seen": ["Last Activity Time"],
                     ],
                     rules: RowRules(churnWords: ["formercustomer", "churned", "excustomer", "churnedcustomer"],
                                     nonCustomerWords: RowRules.crmNonCustomerTypes)),
        ExportFormat(.zoho, .orders, kind: "deals", signature: ["Record Id", "Deal Name", "Stage", "Closing Date"],
                     fileNames: ["deal"],
                     columns: [
                        "id": ["Record Id"], "customer": ["Account Name.id", "Account Name"], "date": ["Closing Date"],
                        "amount": ["Amount"], "currency": ["Currency"], "status": ["Stage"],
                     ],
                     rules: RowRules(dealStages: true)),
    ]
}
