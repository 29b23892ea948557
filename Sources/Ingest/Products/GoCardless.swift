/// GoCardless dashboard exports (`payments-export.csv`): API field names, links as
/// `links.customer`. Paid out and confirmed payments are revenue.
enum GoCardlessExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.gocardless, .orders, kind: "payments", signature: ["id", "charge_date", "links.customer", "status"],
                     fileNames: ["payment"],
                     columns: [
                        "id": ["id"], "customer": ["links.customer"], "date": ["charge_date", "created_at"],
                        "amount": ["amount"], "refunded": ["amount_refunded"], "currency": ["currency"], "status": ["status"],
                     ],
                     rules: RowRules(statuses: ["cancelled": RowRules.cancelled, "chargedback": RowRules.refunded,
                                                "refunded": RowRules.refunded],
                                     paid: ["paidout", "confirmed"])),
    ]
}
