/// One labelled number of a chart that draws a bar per item: a Pareto bar (a churn reason and
/// its count) or a waterfall movement (an MRR bridge step and its signed amount).
public struct LabeledValue: Sendable, Hashable {
    public var label: String
    public var value: Double

    public init(label: String, value: Double) {
        self.label = label
        self.value = value
    }
}
