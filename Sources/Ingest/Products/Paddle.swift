/// Paddle Billing's transactions report (Reports → Transactions → Download CSV): one row per
/// transaction, its column headings "mirror fields in the Paddle API" (`id`, `status`,
/// `customer_id`, `billed_at`, `currency_code`, `subtotal`, `tax`, `total`, …).
///
/// Revenue is `total − tax` of completed and paid transactions. Draft, ready, billed (an
/// issued invoice not yet paid) and past-due transactions are `not_paid`; canceled ones
/// `cancelled`. Refunds live in Paddle's separate adjustments report, which is not read.
///
/// Paddle Billing has no subscriptions report; the subscriptions format reads a listing
/// written with the API's subscription field names (an integration's own export).
enum PaddleExports {
    /// Transaction statuses (Paddle's transaction status field).
    static let transactionRules = RowRules(statuses: ["canceled": RowRules.cancelled], paid: ["completed", "paid"])

    static let formats: [ExportFormat] = [
        ExportFormat(.paddle, .orders, kind: "transactions report",
                     signature: ["customer_id", "status", "billed_at", "collection_mode", "currency_code"],
                     fileNames: ["transaction"],
                     columns: [
                        "id": ["id", "transaction_id"], "customer": ["customer_id", "customer_email", "business_name"],
                        "date": ["billed_at", "completed_at", "created_at"],
                        "amount": ["total", "grand_total"], "tax": ["tax"], "currency": ["currency_code"], "status": ["status"],
                     ],
                     rules: transactionRules),
        ExportFormat(.paddle, .subscriptions, kind: "subscriptions (API fields)",
                     signature: ["customer_id", "status", "next_billed_at", "billing_cycle_interval"],
                     fileNames: ["subscription"],
                     columns: [
                        "id": ["id", "subscription_id"], "customer": ["customer_id"], "plan": ["price_id", "product_id"],
                        "interval": ["billing_cycle_interval"], "interval_count": ["billing_cycle_frequency"],
                        "amount": ["unit_price_amount", "unit_price", "amount"], "currency": ["currency_code"],
                        "quantity": ["quantity"], "start": ["started_at", "first_billed_at", "created_at"],
                        "end": ["canceled_at"], "status": ["status"],
                     ]),
    ]
}
