/// Recurly exports (Exports → Subscriptions/Accounts): `subscriptions_export.csv`,
/// `accounts_export.csv`. Column names as Recurly's export docs list them
/// (docs.recurly.com/docs/subscriptions-exports: `uuid`, `account_code`, `email`, …, `activated_at`;
/// docs.recurly.com/docs/accounts-export: `account_code`, `account_email`, `account_company_name`,
/// `account_created_at`, …). The "Subscriptions — history" export (`subscription_uuid`,
/// `subscription_activated_at`, one row per version) is not a subscription list and is not read.
/// Amounts headed `*_in_cents` are scaled to major units by the minor-unit rule.
enum RecurlyExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.recurly, .subscriptions, kind: "subscriptions",
                     signature: ["uuid", "account_code", "activated_at"],
                     fileNames: ["subscription"],
                     columns: [
                        "id": ["uuid"], "customer": ["account_code"],
                        "plan": ["plan_code", "plan_name"], "interval": ["plan_interval_unit"],
                        "interval_count": ["plan_interval_length"],
                        "amount": ["unit_amount_in_cents", "unit_amount"],
                        "currency": ["currency"], "quantity": ["quantity"],
                        "start": ["activated_at"], "end": ["expires_at", "canceled_at"],
                        "status": ["state"],
                     ]),
        ExportFormat(.recurly, .customers, kind: "accounts", signature: ["account_code", "account_created_at"],
                     fileNames: ["account"],
                     columns: [
                        "id": ["account_code"], "name": ["account_company_name", "account_email"],
                        "signup": ["account_created_at"],
                     ]),
    ]
}
