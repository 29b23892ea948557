/// Stripe Dashboard exports: `customers.csv`, `subscriptions.csv`, `invoices.csv`,
/// `unified_payments.csv` (and the older `payments.csv` of charges). Amounts are in major units.
enum StripeExports {
    /// Payment statuses: succeeded payments are revenue (net of any partial refund); a fully
    /// refunded payment is `refunded`; canceled `cancelled`; failed, requiring a payment method
    /// or action, incomplete or uncaptured `not_paid`.
    static let payments = RowRules(statuses: ["refunded": RowRules.refunded, "canceled": RowRules.cancelled,
                                              "cancelled": RowRules.cancelled],
                                   paid: ["paid", "succeeded", "partiallyrefunded"])

    static let formats: [ExportFormat] = [
        ExportFormat(.stripe, .customers, kind: "customers", signature: ["id", "Created (UTC)", "Delinquent"],
                     fileNames: ["customer"],
                     columns: ["id": ["id"], "name": ["Name", "Description", "Email"], "signup": ["Created (UTC)"]]),
        ExportFormat(.stripe, .subscriptions, kind: "subscriptions",
                     signature: ["id", "Customer ID", "Status", "Current Period End (UTC)"],
                     fileNames: ["subscription"],
                     columns: [
                        "id": ["id"], "customer": ["Customer ID", "Customer"], "plan": ["Plan", "Product"],
                        "interval": ["Interval", "Plan Interval"], "interval_count": ["Interval Count", "Plan Interval Count"],
                        "amount": ["Amount", "Plan Amount"], "currency": ["Currency", "Plan Currency"],
                        "quantity": ["Quantity"], "start": ["Start (UTC)", "Start Date (UTC)", "Created (UTC)"],
                        "end": ["Ended At (UTC)", "Canceled At (UTC)"], "status": ["Status"],
                     ]),
        ExportFormat(.stripe, .orders, kind: "invoices", signature: ["id", "Amount Due", "Amount Paid", "Date (UTC)"],
                     fileNames: ["invoice"],
                     columns: [
                        "id": ["id"], "customer": ["Customer", "Customer ID"], "date": ["Date (UTC)"],
                        "amount": ["Total", "Amount Paid"], "tax": ["Tax"], "currency": ["Currency"], "status": ["Status"],
                     ],
                     rules: RowRules(paid: ["paid"])),
        ExportFormat(.stripe, .orders, kind: "unified payments",
                     signature: ["Created date (UTC)", "Amount", "Status", "Customer ID"],
                     fileNames: ["unified_payments", "payment"],
                     columns: [
                        "id": ["id", "PaymentIntent ID"], "customer": ["Customer ID"], "date": ["Created date (UTC)"],
                        "amount": ["Amount"], "refunded": ["Amount Refunded"], "currency": ["Currency"], "status": ["Status"],
                     ],
                     rules: payments),
        ExportFormat(.stripe, .orders, kind: "payments (charges)",
                     signature: ["id", "Created (UTC)", "Amount", "Amount Refunded", "Captured"],
                     fileNames: ["payment", "charge"],
                     columns: [
                        "id": ["id"], "customer": ["Customer ID"], "date": ["Created (UTC)"], "amount": ["Amount"],
                        "refunded": ["Amount Refunded"], "currency": ["Currency"], "status": ["Status"],
                     ],
                     rules: payments),
    ]
}
