/// Chargebee exports (Settings → Import & Export data → Export, a zip of CSV files):
/// `Subscriptions.csv` headed `object.attribute` after the API's attribute names (its customer
/// is `customers.id`; statuses are written as labels, "Non Renewing", compared like headers),
/// `Customers.csv` headed by labels ("Customer Id", "Email", "Card Status", …) or
/// `customers.*`, and `Invoices.csv`.
enum ChargebeeExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.chargebee, .subscriptions, kind: "subscriptions",
                     signature: ["subscriptions.id", "subscriptions.plan_id", "subscriptions.status"],
                     fileNames: ["subscription"],
                     columns: [
                        "id": ["subscriptions.id"], "customer": ["customers.id", "subscriptions.customer_id"],
                        "plan": ["subscriptions.plan_id"], "interval": ["subscriptions.billing_period_unit"],
                        "interval_count": ["subscriptions.billing_period"], "amount": ["subscriptions.plan_unit_price"],
                        "currency": ["subscriptions.currency_code"], "quantity": ["subscriptions.plan_quantity"],
                        "start": ["subscriptions.started_at", "subscriptions.activated_at", "subscriptions.created_at"],
                        "end": ["subscriptions.cancelled_at"], "status": ["subscriptions.status"],
                     ]),
        ExportFormat(.chargebee, .customers, kind: "customers", signature: ["customers.id", "customers.created_at"],
                     fileNames: ["customer"],
                     columns: [
                        "id": ["customers.id"], "name": ["customers.company", "customers.email"],
                        "signup": ["customers.created_at"],
                     ]),
        ExportFormat(.chargebee, .customers, kind: "customers (labels)", signature: ["Customer Id", "Card Status"],
                     fileNames: ["customer"],
                     columns: [
                        "id": ["Customer Id"], "name": ["Company", "Email"], "signup": ["Created At"],
                     ]),
        ExportFormat(.chargebee, .orders, kind: "invoices", signature: ["invoices.id", "invoices.customer_id", "invoices.status"],
                     fileNames: ["invoice"],
                     columns: [
                        "id": ["invoices.id"], "customer": ["invoices.customer_id"], "date": ["invoices.date", "invoices.paid_at"],
                        "amount": ["invoices.total"], "tax": ["invoices.tax"], "currency": ["invoices.currency_code"],
                        "status": ["invoices.status"],
                     ],
                     rules: RowRules(statuses: ["voided": RowRules.cancelled], paid: ["paid"])),
    ]
}
