/// A column of the order book read by position (`CustomerOrderBook.Column`).
public protocol CompactOrderColumn: Sendable {
    associatedtype Element
    subscript(k: Int) -> Element { get }
}

extension CompactOrderDays: CompactOrderColumn {}
extension CompactOrderAmounts: CompactOrderColumn {}
