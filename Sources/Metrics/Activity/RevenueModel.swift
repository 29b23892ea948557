import Model

/// Which records say when a customer is paying, decided once per dataset.
public enum RevenueModel: String, Sendable, Hashable {
    /// The dataset has subscriptions: a customer is active while a paid subscription is.
    case subscriptions
    /// Orders only: a customer is active from an order until `inactivityDays` after the last one.
    case orders
    /// Neither: the customer file's signup and cancellation dates are all there is.
    case customerRecords

    /// Subscriptions win over orders (a subscription business's invoices are its subscriptions
    /// billed); orders are used only when no subscription exists.
    public init(dataset: Dataset) {
        if !dataset.subscriptions.isEmpty {
            self = .subscriptions
        } else if !dataset.orders.isEmpty {
            self = .orders
        } else {
            self = .customerRecords
        }
    }
}
