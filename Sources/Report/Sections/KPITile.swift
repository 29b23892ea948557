import Mustache

/// One KPI tile: the value for the latest complete period, the previous period's value, the
/// change, whether the change is good or bad news, and a sparkline of the trend.
struct KPITile {
    enum Judgement: String { case good, bad, neutral }

    var label: String
    var value: String
    var previous: String?
    var change: String?
    /// `up`, `down` or `flat`: the direction of the change.
    var trend: String
    var judgement: Judgement
    var sparkline: String?
    var note: String?
    /// The unformatted values, for templates that want to compute or format their own.
    var number: Double? = nil
    var previousNumber: Double? = nil

    /// Direction and judgement of a change; `higherIsBetter` says which way is good news.
    /// A sampled change that is not significant is judged neutral.
    static func assess(_ delta: Double?, higherIsBetter: Bool, significant: Bool? = nil) -> (String, Judgement) {
        guard let delta, delta != 0 else { return ("flat", .neutral) }
        let direction = delta > 0 ? "up" : "down"
        if significant == false { return (direction, .neutral) }
        return (direction, (delta > 0) == higherIsBetter ? .good : .bad)
    }

    var context: MustacheValue {
        var object: [String: MustacheValue] = [
            "label": .string(label), "value": .string(value), "trend": .string(trend),
            "judgement": .string(judgement.rawValue),
        ]
        if let previous { object["previous"] = .string(previous) }
        if let change { object["change"] = .string(change) }
        if let sparkline { object["sparkline"] = .string(sparkline) }
        if let note { object["note"] = .string(note) }
        if let number { object["number"] = .double(number) }
        if let previousNumber { object["previous_number"] = .double(previousNumber) }
        return .object(object)
    }
}
