/// Known export formats. A preset's header names are tried before the generic synonyms, and
/// it may fix what a file cannot say for itself (e.g. that a Delighted export is NPS).
///
/// Header names are those of the vendors' CSV exports:
/// - HubSpot companies export: `Record ID`, `Company name`, `Create Date`, `Company owner`,
///   `Lifecycle Stage`, `Country/Region`, `Industry`, `Original Source`, `Last Activity Date`;
///   deals export (as orders): `Record ID`, `Associated Company IDs`, `Close Date`, `Amount`, `Deal Stage`.
/// - Salesforce account report: `Account ID`, `Account Name`, `Created Date`, `Type`,
///   `Billing Country`, `Account Owner`, `Account Source`, `Last Activity`; Data Loader API
///   names (`Id`, `Name`, `CreatedDate`, `BillingCountry`, `OwnerId`, `AccountSource`);
///   opportunities (`Opportunity ID`, `Account ID`, `Close Date`, `Amount`, `Stage`) as orders;
///   cases (`Case Number`, `Account ID`, `Date/Time Opened`, `Date/Time Closed`) as tickets.
/// - Stripe subscriptions export: `id`, `Customer ID`, `Plan`, `Quantity`, `Interval`, `Amount`,
///   `Status`, `Created (UTC)`, `Start (UTC)` / `Start Date (UTC)`, `Canceled At (UTC)`,
///   `Ended At (UTC)`; invoices export: `id`, `Customer`, `Date (UTC)`, `Total`, `Tax`,
///   `Currency`, `Status`; payments (charges) export: `id`, `Customer ID`, `Created (UTC)`,
///   `Amount`, `Amount Refunded`, `Currency`, `Status`.
/// - Zendesk tickets export: `Id`, `Requester`, `Requester id`, `Organization`, `Status`,
///   `Priority`, `Created at`, `Solved at`, `First reply time in minutes`, `Satisfaction Score`;
///   satisfaction ratings (`Ticket ID`, `Organization`/`Requester`, `Score` good/bad,
///   `Comment`, `Created at`) as surveys of kind `csat_good_bad`.
/// - Delighted NPS export: `Response ID`, `Person ID`/`Email`, `Score`, `Comment`,
///   `Created At` / `Response Timestamp` (Unix seconds are accepted); kind NPS.
public enum Preset: String, Sendable, Hashable, CaseIterable {
    case hubspot, salesforce, stripe, zendesk, delighted

    /// Preset by name, case-insensitively (`HubSpot`, `stripe`, …).
    public init?(name: String) {
        self.init(rawValue: name.lowercased().trimmingSpaces())
    }

    /// The survey kind every response in a file of this preset has, when the file has no kind column.
    var surveyKind: String? {
        switch self {
        case .delighted: return "nps"
        case .zendesk: return "csat_good_bad"
        default: return nil
        }
    }

    func candidates(_ entity: Entity, _ field: String) -> [String] {
        Preset.tables[self]?[entity]?[field] ?? []
    }

    static let tables: [Preset: [Entity: [String: [String]]]] = [
        .hubspot: [
            .customers: [
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
            .orders: [
                "id": ["Record ID"],
                "customer": ["Associated Company IDs (Primary)", "Associated Company IDs", "Associated Company ID"],
                "date": ["Close Date"],
                "amount": ["Amount"],
                "status": ["Deal Stage"],
            ],
        ],
        .salesforce: [
            .customers: [
                "id": ["Account ID", "Id"],
                "name": ["Account Name", "Name"],
                "signup": ["Created Date", "CreatedDate"],
                "segment": ["Type", "Industry"],
                "region": ["Billing Country", "BillingCountry"],
                "owner": ["Account Owner", "OwnerId"],
                "channel": ["Account Source", "AccountSource"],
                "last_seen": ["Last Activity", "LastActivityDate"],
            ],
            .orders: [
                "id": ["Opportunity ID", "Id"],
                "customer": ["Account ID", "AccountId"],
                "date": ["Close Date", "CloseDate"],
                "amount": ["Amount"],
                "status": ["Stage", "StageName"],
            ],
            .tickets: [
                "id": ["Case Number", "Case ID", "CaseNumber", "Id"],
                "customer": ["Account ID", "AccountId", "Account Name"],
                "created": ["Date/Time Opened", "CreatedDate"],
                "resolved": ["Date/Time Closed", "ClosedDate"],
                "priority": ["Priority"],
                "status": ["Status"],
            ],
        ],
        .stripe: [
            .customers: [
                "id": ["id"],
                "name": ["Name", "Description", "Email"],
                "signup": ["Created (UTC)"],
            ],
            .subscriptions: [
                "id": ["id"],
                "customer": ["Customer ID", "Customer"],
                "plan": ["Plan", "Product"],
                "interval": ["Interval", "Plan Interval"],
                "interval_count": ["Interval Count", "Plan Interval Count"],
                "amount": ["Amount", "Plan Amount"],
                "currency": ["Currency", "Plan Currency"],
                "quantity": ["Quantity"],
                "start": ["Start (UTC)", "Start Date (UTC)", "Created (UTC)"],
                "end": ["Ended At (UTC)", "Canceled At (UTC)"],
                "status": ["Status"],
            ],
            .orders: [
                "id": ["id"],
                "customer": ["Customer", "Customer ID"],
                "date": ["Date (UTC)", "Created (UTC)", "Created date (UTC)"],
                "amount": ["Total", "Amount"],
                "tax": ["Tax"],
                "refunded": ["Amount Refunded"],
                "currency": ["Currency"],
                "status": ["Status"],
            ],
        ],
        .zendesk: [
            .tickets: [
                "id": ["Id", "Ticket ID"],
                "customer": ["Organization", "Requester id", "Requester"],
                "created": ["Created at"],
                "first_response_minutes": ["First reply time in minutes"],
                "resolved": ["Solved at"],
                "priority": ["Priority"],
                "status": ["Status"],
            ],
            .surveys: [
                "id": ["Id", "Ticket ID"],
                "customer": ["Organization", "Requester id", "Requester"],
                "date": ["Created at", "Updated at"],
                "score": ["Score", "Satisfaction Score"],
                "comment": ["Comment"],
            ],
        ],
        .delighted: [
            .surveys: [
                "id": ["Response ID", "id"],
                "customer": ["Customer ID", "Person ID", "Email"],
                "date": ["Created At", "Response Timestamp", "Created", "Date"],
                "score": ["Score"],
                "comment": ["Comment"],
            ],
        ],
    ]
}
