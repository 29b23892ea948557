/// Salesforce exports: Data Loader extracts (API names, `extract-Opportunity.csv`, 18-character
/// ids) and report exports (field labels, `report-1719820800000.csv`, 15-character ids, a
/// copyright footer that the loader sets aside as `report_footer`).
enum SalesforceExports {
    static let churnWords: Set<String> = ["formercustomer", "churned", "churnedcustomer", "excustomer", "lostcustomer"]

    static let formats: [ExportFormat] = [
        // Data Loader: Account, Opportunity, Case.
        ExportFormat(.salesforce, .customers, kind: "Data Loader Account", signature: ["Id", "Name", "CreatedDate", "BillingCountry"],
                     fileNames: ["account"],
                     columns: [
                        "id": ["Id"], "name": ["Name"], "signup": ["CreatedDate"], "segment": ["Type", "Industry"],
                        "region": ["BillingCountry"], "owner": ["OwnerId"], "channel": ["AccountSource"],
                        "last_seen": ["LastActivityDate"],
                     ],
                     rules: RowRules(churnWords: churnWords, nonCustomerWords: RowRules.crmNonCustomerTypes)),
        ExportFormat(.salesforce, .orders, kind: "Data Loader Opportunity", signature: ["Id", "AccountId", "StageName", "CloseDate"],
                     fileNames: ["opportunit"],
                     columns: [
                        "id": ["Id"], "customer": ["AccountId"], "date": ["CloseDate"], "amount": ["Amount"],
                        "currency": ["CurrencyIsoCode"], "status": ["StageName"],
                     ],
                     rules: RowRules(dealStages: true)),
        ExportFormat(.salesforce, .tickets, kind: "Data Loader Case", signature: ["Id", "CaseNumber", "CreatedDate"],
                     fileNames: ["case"],
                     columns: [
                        "id": ["CaseNumber", "Id"], "customer": ["AccountId"], "created": ["CreatedDate"],
                        "resolved": ["ClosedDate"], "priority": ["Priority"], "status": ["Status"],
                     ]),
        // Report exports (field labels).
        ExportFormat(.salesforce, .orders, kind: "opportunity report", signature: ["Opportunity Name", "Stage", "Close Date"],
                     fileNames: ["report"],
                     columns: [
                        "id": ["Opportunity ID"], "customer": ["Account ID", "Account Name"], "date": ["Close Date"],
                        "amount": ["Amount"], "currency": ["Opportunity Currency", "Currency"], "status": ["Stage"],
                     ],
                     rules: RowRules(dealStages: true)),
        ExportFormat(.salesforce, .tickets, kind: "case report", signature: ["Case Number", "Date/Time Opened"],
                     fileNames: ["report"],
                     columns: [
                        "id": ["Case Number", "Case ID"], "customer": ["Account ID", "Account Name"],
                        "created": ["Date/Time Opened"], "resolved": ["Date/Time Closed"], "priority": ["Priority"],
                        "status": ["Status"],
                     ]),
        ExportFormat(.salesforce, .customers, kind: "account report", signature: ["Account Name", "Account Owner", "Created Date"],
                     fileNames: ["report"],
                     columns: [
                        "id": ["Account ID", "Account Name"], "name": ["Account Name"], "signup": ["Created Date"],
                        "segment": ["Type", "Industry"], "region": ["Billing Country"], "owner": ["Account Owner"],
                        "channel": ["Account Source"], "last_seen": ["Last Activity"],
                     ],
                     rules: RowRules(churnWords: churnWords, nonCustomerWords: RowRules.crmNonCustomerTypes)),
    ]
}
