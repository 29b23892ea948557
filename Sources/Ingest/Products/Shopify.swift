/// Shopify admin exports: `orders_export_1.csv` (one row per line item: the order's totals on
/// its first row, the following rows of the same order carry only line-item fields and are
/// `continuation_row`), `customers_export.csv` (no sign-up date: not used, customers come from
/// their first order). Orders name their customer by e-mail.
enum ShopifyExports {
    static let formats: [ExportFormat] = [
        ExportFormat(.shopify, .orders, kind: "orders", signature: ["Name", "Email", "Financial Status", "Lineitem quantity"],
                     fileNames: ["orders_export"],
                     columns: [
                        "id": ["Name"], "customer": ["Email"], "date": ["Created at", "Paid at"], "amount": ["Total"],
                        "tax": ["Taxes"], "refunded": ["Refunded Amount"], "currency": ["Currency"],
                        "status": ["Financial Status"],
                     ],
                     rules: RowRules(statuses: ["refunded": RowRules.refunded, "voided": RowRules.cancelled],
                                     paid: ["paid", "partiallypaid", "partiallyrefunded"], continuationRows: true)),
        ExportFormat(.shopify, .customers, kind: "customers", signature: ["First Name", "Last Name", "Email", "Total Spent"],
                     fileNames: ["customers_export"], columns: [:],
                     notUsedBecause: "Shopify's customers export has no sign-up date; customers are taken from "
                        + "orders_export (first order = start)"),
    ]
}
