/// Recurly exports (Exports → Subscriptions/Accounts): `subscriptions_export.csv`,
/// `accounts_export.csv`. Amounts are `*_in_cents` (scaled to major units by the minor-unit rule).
enum RecurlyExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.recurly, .subscriptions, kind: "subscriptions",
                     signature: ["account_code", "plan_code", "subscription_activated_at"],
                     fileNames: ["subscription"],
                     columns: [
                        "id": ["subscription_uuid", "uuid", "subscription_id"], "customer": ["account_code"],
                        "plan": ["plan_code", "plan_name"], "interval": ["plan_interval_unit"],
                        "interval_count": ["plan_interval_length"],
                        "amount": ["subscription_unit_amount_in_cents", "subscription_unit_amount", "unit_amount_in_cents"],
                        "currency": ["subscription_currency", "currency"], "quantity": ["subscription_quantity", "quantity"],
                        "start": ["subscription_activated_at", "activated_at"],
                        "end": ["subscription_expires_at", "subscription_canceled_at", "expires_at", "canceled_at"],
                        "status": ["subscription_state", "state"],
                     ]),
        ExportFormat(.recurly, .customers, kind: "accounts", signature: ["account_code", "account_created_at"],
                     fileNames: ["account"],
                     columns: [
                        "id": ["account_code"], "name": ["company_name", "account_company_name", "email"],
                        "signup": ["account_created_at", "created_at"], "status": ["account_state", "state"],
                     ]),
    ]
}
