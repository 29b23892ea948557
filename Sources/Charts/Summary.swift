/// Building blocks for the generated `<desc>` sentences.
enum Summary {
    /// Index of the highest present value (the first one on ties).
    static func highest(_ values: [Double?]) -> Int? {
        var best: Int?
        for (index, value) in values.enumerated() {
            guard let value, value.isFinite else { continue }
            if let current = best, let currentValue = values[current], currentValue >= value { continue }
            best = index
        }
        return best
    }

    /// Index of the lowest present value (the first one on ties).
    static func lowest(_ values: [Double?]) -> Int? {
        highest(values.map { $0.map { -$0 } })
    }

    /// Index of the last present value.
    static func latest(_ values: [Double?]) -> Int? {
        values.lastIndex { $0?.isFinite == true }
    }

    /// "highest 4.1% in 2025-03, lowest 1.2% in 2024-07, latest 2.3%" (the latest names its
    /// period only when it is not the last one); nil when no value is present.
    static func extremes(_ values: [Double?], labels: [String], format: ValueFormat) -> String? {
        guard let high = highest(values), let low = lowest(values), let last = latest(values),
              let highValue = values[high], let lowValue = values[low], let lastValue = values[last] else { return nil }
        func label(_ index: Int) -> String { index < labels.count ? labels[index] : "#\(index + 1)" }
        var text = "highest " + format.format(highValue) + " in " + label(high)
        if low != high { text += ", lowest " + format.format(lowValue) + " in " + label(low) }
        text += ", latest " + format.format(lastValue)
        if last != labels.count - 1 { text += " in " + label(last) }
        return text
    }

    /// "from 2024-01 to 2025-12" for a list of category labels.
    static func span(_ labels: [String]) -> String {
        guard let first = labels.first, let last = labels.last else { return "" }
        return labels.count == 1 ? " in " + first : " from " + first + " to " + last
    }

    /// "1 point", "3 points".
    static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) " + (n == 1 ? singular : plural)
    }
}

extension Array {
    /// The element at `index`, or nil outside the array (series shorter than their categories).
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

extension Array where Element == Double? {
    /// The value drawn at `index`: nil when it is missing, outside the array or not finite
    /// (a gap in the chart, a dash in its table).
    func finiteValue(at index: Int) -> Double? {
        guard let value = self[safe: index] ?? nil, value.isFinite else { return nil }
        return value
    }
}
