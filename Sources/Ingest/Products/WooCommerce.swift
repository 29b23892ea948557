/// WooCommerce order export (`wc-order-export-….csv`). Completed and processing orders are
/// paid; refunded, cancelled, failed, pending and on-hold orders are not.
enum WooCommerceExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.woocommerce, .orders, kind: "orders", signature: ["Order ID", "Order Status", "Order Total"],
                     fileNames: ["wc-order", "order"],
                     columns: [
                        "id": ["Order ID", "Order Number"], "customer": ["Customer Email", "Billing Email", "Customer ID"],
                        "date": ["Order Date", "Date Paid"], "amount": ["Order Total"], "tax": ["Order Total Tax", "Tax Total"],
                        "refunded": ["Order Refund", "Refund Amount"], "currency": ["Order Currency", "Currency"],
                        "status": ["Order Status"],
                     ],
                     rules: RowRules(statuses: ["refunded": RowRules.refunded, "cancelled": RowRules.cancelled,
                                                "wcrefunded": RowRules.refunded, "wccancelled": RowRules.cancelled],
                                     paid: ["completed", "processing", "wccompleted", "wcprocessing"])),
    ]
}
