import Model

extension SurveyKind {
    /// The whole-number answers the instrument allows. A score that is not a whole number in this
    /// range is out of scale: counted as such and left out of every satisfaction number.
    var scoreScale: ClosedRange<Int> {
        switch self {
        case .csat: return 1...5
        case .csatGoodBad: return 0...1
        case .nps: return 0...10
        case .ces: return 1...7
        }
    }

    /// The score as a whole number on the instrument's scale, or nil when out of scale.
    func scaledScore(_ score: Double) -> Int? {
        guard let whole = Int(exactly: score) else { return nil }  // nil for 2.5, 1e300, NaN
        return scoreScale.contains(whole) ? whole : nil
    }
}
