/// HubSpot CRM exports (Contacts/Companies/Deals → Export, "all properties"). File names look
/// like `hubspot-crm-exports-all-deals-2024-07-01.csv`. Headers are the properties' labels.
enum HubSpotExports {
    static let companyLink = ["Associated Company IDs (Primary)", "Associated Company IDs", "Associated Company ID",
                              "Primary Associated Company ID", "Company ID"]

    static let formats: [ExportFormat] = [
        ExportFormat(.hubspot, .customers, kind: "companies", signature: ["Record ID", "Company name", "Create Date"],
                     fileNames: ["compan"],
                     columns: [
                        "id": ["Record ID", "Company ID"],
                        "name": ["Company name", "Name"],
                        "signup": ["Became a Customer Date", "Create Date"],
                        "owner": ["Company owner", "HubSpot Owner"],
                        "status": ["Lifecycle Stage"],
                        "region": ["Country/Region"],
                        "segment": ["Type", "Industry"],
                        "channel": ["Original Source", "Original Traffic Source"],
                        "last_seen": ["Last Activity Date"],
                     ],
                     rules: RowRules(churnWords: ["formercustomer", "churned", "excustomer", "churnedcustomer"],
                                     nonCustomerWords: RowRules.crmNonCustomerTypes)),
        // The deals pipeline: only won deals are revenue.
        ExportFormat(.hubspot, .orders, kind: "deals", signature: ["Record ID", "Deal Name", "Deal Stage"],
                     fileNames: ["deal"],
                     columns: [
                        "id": ["Record ID"],
                        "customer": companyLink,
                        "date": ["Close Date"],
                        "amount": ["Amount", "Amount in company currency"],
                        "currency": ["Currency"],
                        "status": ["Deal Stage"],
                     ],
                     rules: RowRules(dealStages: true)),
        // Contacts carry the NPS survey's last answer as properties.
        ExportFormat(.hubspot, .surveys, kind: "contacts (NPS)",
                     signature: ["Record ID", "Last NPS survey rating", "Last NPS survey date"],
                     fileNames: ["contact"],
                     columns: [
                        "id": ["Record ID"],
                        "customer": companyLink,
                        "date": ["Last NPS survey date"],
                        "score": ["Last NPS survey rating"],
                        "comment": ["Last NPS survey comment"],
                     ],
                     rules: RowRules(surveyKind: .nps)),
        ExportFormat(.hubspot, .customers, kind: "contacts", signature: ["Record ID", "Email", "First Name"],
                     fileNames: ["contact"], columns: [:],
                     notUsedBecause: "a HubSpot contacts export without the NPS properties (Last NPS survey rating, "
                        + "Last NPS survey date) holds people, not customers: export companies for customers, "
                        + "or add the NPS properties for satisfaction"),
    ]
}
