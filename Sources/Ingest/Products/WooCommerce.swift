/// WooCommerce order exports. Completed and processing orders are paid; refunded, cancelled,
/// failed, pending and on-hold orders are not.
///
/// - `wc-order-export-….csv`: one row per order (`Order ID`, `Order Total`, …).
/// - Advanced Order Export for WooCommerce (the common export plugin), default columns: one row
///   per line item, the order's fields (`Order Number`, `Order Status`, `Order Date`,
///   `Email (Billing)`, `Order Total Amount`, `Order Total Tax Amount`, `Order Refund Amount`)
///   repeated on each; the rows after an order's first are `continuation_row`.
enum WooCommerceExports {
    /// Order statuses, as labels ("Completed") or post statuses ("wc-completed").
    static let statuses = RowRules(statuses: ["refunded": RowRules.refunded, "cancelled": RowRules.cancelled,
                                              "wcrefunded": RowRules.refunded, "wccancelled": RowRules.cancelled],
                                   paid: ["completed", "processing", "wccompleted", "wcprocessing"])

    static var lineItems: RowRules {
        var rules = statuses
        rules.continuationRows = true
        rules.orderFieldsOnEveryItem = true
        return rules
    }

    static let formats: [ExportFormat] = [
        ExportFormat(.woocommerce, .orders, kind: "orders", signature: ["Order ID", "Order Status", "Order Total"],
                     fileNames: ["wc-order", "order"],
                     columns: [
                        "id": ["Order ID", "Order Number"], "customer": ["Customer Email", "Billing Email", "Customer ID"],
                        "date": ["Order Date", "Date Paid"], "amount": ["Order Total"], "tax": ["Order Total Tax", "Tax Total"],
                        "refunded": ["Order Refund", "Refund Amount"], "currency": ["Order Currency", "Currency"],
                        "status": ["Order Status"],
                     ],
                     rules: statuses),
        ExportFormat(.woocommerce, .orders, kind: "order items (Advanced Order Export)",
                     signature: ["Order Number", "Order Status", "Order Total Amount", "Item #"],
                     fileNames: ["order"],
                     columns: [
                        "id": ["Order Number"], "customer": ["Email (Billing)", "Customer Email"],
                        "date": ["Order Date"], "amount": ["Order Total Amount"], "tax": ["Order Total Tax Amount"],
                        "refunded": ["Order Refund Amount"], "currency": ["Order Currency", "Currency"],
                        "status": ["Order Status"],
                     ],
                     rules: lineItems),
    ]
}
