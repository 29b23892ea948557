/// Paddle Billing exports (Transactions/Subscriptions → Export CSV).
enum PaddleExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.paddle, .subscriptions, kind: "subscriptions",
                     signature: ["subscription_id", "customer_id", "status", "billing_cycle_interval"],
                     fileNames: ["subscription"],
                     columns: [
                        "id": ["subscription_id"], "customer": ["customer_id"], "plan": ["price_id", "product_id"],
                        "interval": ["billing_cycle_interval"], "interval_count": ["billing_cycle_frequency"],
                        "amount": ["unit_price", "amount"], "currency": ["currency_code"], "quantity": ["quantity"],
                        "start": ["started_at", "created_at"], "end": ["canceled_at"], "status": ["status"],
                     ]),
        ExportFormat(.paddle, .orders, kind: "transactions",
                     signature: ["transaction_id", "customer_id", "status", "billed_at"],
                     fileNames: ["transaction"],
                     columns: [
                        "id": ["transaction_id"], "customer": ["customer_id"], "date": ["billed_at", "created_at"],
                        "amount": ["total", "grand_total"], "tax": ["tax"], "currency": ["currency_code"], "status": ["status"],
                     ],
                     rules: RowRules(statuses: ["canceled": RowRules.cancelled], paid: ["completed", "paid", "billed"])),
    ]
}
