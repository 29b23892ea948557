/// Header names recognised without any configuration, per entity and canonical field, in
/// order of preference (the first one present wins). They cover the headers of `retention
/// sample` and the usual spellings of CRM, billing and support exports.
enum HeaderSynonyms {
    static func candidates(_ entity: Entity, _ field: String) -> [String] {
        table[entity]?[field] ?? []
    }

    static let table: [Entity: [String: [String]]] = [
        .customers: [
            "id": ["Customer ID", "id", "Record ID", "Account ID", "Company ID", "Client ID", "Account Number", "Customer Number", "Record Id", "account_code", "Organization - ID"],
            "name": ["Company Name", "Account Name", "Customer Name", "Name", "Company", "Organization"],
            "signup": ["Created Date", "Create Date", "Signup Date", "Sign Up Date", "Signed Up", "Created At", "Created",
                       "Customer Since", "Became a Customer Date", "Start Date", "Date Joined", "Created (UTC)", "Created Time", "Created time", "CreatedDate", "created_at", "account_created_at"],
            "plan": ["Plan", "Plan Name", "Subscription Plan", "Tier", "Pricing Plan"],
            "segment": ["Segment", "Customer Segment", "Account Type", "Type", "Company Size"],
            "region": ["Region", "Country/Region", "Country", "Billing Country", "Territory", "Market"],
            "channel": ["Acquisition Channel", "Channel", "Lead Source", "Account Source", "Original Source",
                        "Original Traffic Source", "Source"],
            "owner": ["Account Owner", "Company owner", "Owner", "Contact owner", "CSM", "Customer Success Manager"],
            "status": ["Status", "Account Status", "Customer Status", "Lifecycle Stage"],
            "churn_date": ["Cancellation Date", "Churn Date", "Churned At", "Churned Date", "Cancelled Date",
                           "Canceled Date", "Cancelled At", "Canceled At"],
            "churn_reason": ["Churn Reason", "Cancellation Reason", "Cancel Reason", "Reason for Churn"],
            "churn_kind": ["Churn Type", "Churn Kind", "Cancellation Type"],
            "last_seen": ["Last Login", "Last Seen", "Last Login Date", "Last Activity Date", "Last Activity", "Last Active"],
        ],
        .subscriptions: [
            "id": ["Subscription ID", "id", "Subscription Number"],
            "customer": ["Customer ID", "Customer", "Account ID", "Client ID", "Company ID", "account_code", "links.customer", "AccountId"],
            "plan": ["Plan", "Plan Name", "Product", "Price ID", "Plan ID"],
            "interval": ["Billing Interval", "Interval", "Plan Interval", "Billing Period", "Billing Frequency", "Billing Cycle"],
            "interval_count": ["Interval Count", "Plan Interval Count", "Billing Interval Count"],
            "amount": ["Amount", "Plan Amount", "Price", "Recurring Amount", "Unit Amount", "subscription_unit_amount_in_cents", "unit_amount_in_cents"],
            "tax": ["Tax", "Tax Amount", "VAT", "Sales Tax"],
            "currency": ["Currency", "Plan Currency"],
            "quantity": ["Quantity", "Seats", "Qty", "Licenses"],
            "start": ["Start Date", "Start (UTC)", "Start Date (UTC)", "Start", "Started At", "Created (UTC)", "Created At", "Created", "subscription_activated_at", "activated_at", "started_at"],
            "end": ["Ended At (UTC)", "Canceled At", "Cancelled At", "Canceled At (UTC)", "End Date", "Ended At",
                    "Cancellation Date", "Canceled Date", "Cancelled Date"],
            "status": ["Status", "Subscription Status"],
        ],
        .orders: [
            "id": ["id", "Invoice ID", "Order ID", "Charge ID", "Transaction ID", "Payment ID", "Invoice Number", "Number"],
            "customer": ["Customer ID", "Customer", "Account ID", "Client ID", "Company ID", "links.customer", "AccountId", "account_code"],
            "date": ["Date", "Date (UTC)", "Invoice Date", "Order Date", "Created (UTC)", "Created date (UTC)", "Paid At",
                     "Transaction Date", "Charge Date", "Created At", "Created", "CloseDate", "Close Date", "charge_date", "Closing Date"],
            "amount": ["Amount", "Total", "Amount Paid", "Order Total", "Grand Total", "Net Amount"],
            "tax": ["Tax", "Tax Amount", "Total Tax", "VAT", "Sales Tax"],
            "refunded": ["Amount Refunded", "Refunded Amount"],
            "currency": ["Currency", "Order Currency"],
            "status": ["Status", "Payment Status", "Financial Status", "Invoice Status", "Deal Stage", "StageName", "Stage"],
            "plan": ["Plan", "Plan Name", "Subscription Plan", "Pricing Plan"],
            "interval": ["Billing Interval", "Interval", "Plan Interval", "Billing Period", "Billing Frequency", "Billing Cycle"],
        ],
        .surveys: [
            "id": ["Response ID", "id", "Survey Response ID", "Rating ID"],
            "customer": ["Customer ID", "Customer", "Account ID", "Company ID", "Organization"],
            "date": ["Submitted At", "Date", "Response Date", "Responded At", "Created At", "Created", "Timestamp",
                     "Response Timestamp", "Survey Date", "Submit Date (UTC)", "RecordedDate", "End Date"],
            "kind": ["Survey", "Survey Type", "Kind", "Type", "Question Type"],
            "score": ["Score", "Rating", "Value"],
            "nps_score": ["NPS", "NPS Score", "Likelihood to Recommend"],
            "csat_score": ["CSAT", "CSAT Score"],
            "comment": ["Comment", "Comments", "Feedback", "Verbatim", "Text"],
        ],
        .tickets: [
            "id": ["Ticket ID", "id", "Ticket Number", "Case Number", "Case ID"],
            "customer": ["Customer ID", "Customer", "Account ID", "Organization", "Company ID", "Account Name", "Company"],
            "created": ["Created At", "Created", "Created Date", "Date/Time Opened", "Opened", "Opened At", "Creation Date", "Created time", "Created Time", "CreatedDate"],
            "first_response": ["First Response At", "First Reply At", "First Responded At", "First Response Date"],
            "first_response_minutes": ["First reply time in minutes", "First Response Time (minutes)", "First Response Minutes",
                                       "First reply time (min)", "First response time (in hrs)"],
            "resolved": ["Solved At", "Resolved At", "Closed At", "Date/Time Closed", "Closed Date", "Resolved", "Closed"],
            "priority": ["Priority", "Urgency"],
            "status": ["Status", "Ticket Status"],
        ],
    ]
}
