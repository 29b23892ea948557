import Model

/// Satisfaction of one period of the configured calendar.
/// Reads like `SatisfactionScores` (`period.csat`, `period.npsMoe`, …) through dynamic member lookup.
@dynamicMemberLookup
public struct SatisfactionPeriod: Sendable, Hashable {
    public let period: Period
    /// False for the period containing `asOf` unless `asOf` is its last day.
    public let isComplete: Bool
    public let scores: SatisfactionScores

    public init(period: Period, isComplete: Bool, scores: SatisfactionScores) {
        self.period = period
        self.isComplete = isComplete
        self.scores = scores
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<SatisfactionScores, T>) -> T { scores[keyPath: keyPath] }
}

/// CSAT, NPS and CES per period, oldest first, from the first period with a response (or `from`)
/// through the period containing `asOf`. Responses after `asOf` are ignored; periods without
/// responses are kept, with nil values.
public struct SatisfactionTrend: Sendable, Hashable {
    public let periods: [SatisfactionPeriod]
    /// Every response up to `asOf` (from `from`, when given) taken together.
    public let overall: SatisfactionScores
    /// Responses left out because they are dated after `asOf`.
    public let afterAsOf: Int

    public init(periods: [SatisfactionPeriod], overall: SatisfactionScores, afterAsOf: Int) {
        self.periods = periods
        self.overall = overall
        self.afterAsOf = afterAsOf
    }

    public static func compute(_ dataset: Dataset, _ configuration: MetricsConfiguration,
                               from: Day? = nil) -> SatisfactionTrend {
        let calendar = configuration.calendar
        let asOf = configuration.asOf
        // The days' periods read from a table; each period's scores in `byPeriod`, found by
        // period index in `slot` only when the period changes (answers come mostly in date order).
        let periodIndexes = PeriodIndexTable(calendar: calendar, through: asOf)
        var byPeriod: [SatisfactionScores] = []
        var slot: [Int: Int] = [:]
        var lastIndex = Int.min, lastSlot = 0
        var overall = SatisfactionScores()
        var afterAsOf = 0
        var first: Day?
        let surveys = dataset.surveys
        for i in surveys.indices {
            let day = surveys.day(at: i)
            if day > asOf { afterAsOf += 1; continue }
            if let from, day < from { continue }
            let index = periodIndexes.index(containing: day)
            if index != lastIndex {
                lastIndex = index
                if let known = slot[index] {
                    lastSlot = known
                } else {
                    lastSlot = byPeriod.count
                    slot[index] = lastSlot
                    byPeriod.append(SatisfactionScores())
                }
            }
            let answer = SurveyAnswer(kind: surveys.kind(at: i), score: surveys.score(at: i))
            byPeriod[lastSlot].add(answer)
            overall.add(answer)
            if first.map({ day < $0 }) ?? true { first = day }
        }
        guard let start = from ?? first, start <= asOf else {
            return SatisfactionTrend(periods: [], overall: overall, afterAsOf: afterAsOf)
        }
        let periods = calendar.periods(from: start, through: asOf).map { p in
            SatisfactionPeriod(period: p, isComplete: p.end <= asOf.adding(days: 1),
                               scores: slot[p.index].map { byPeriod[$0] } ?? SatisfactionScores())
        }
        return SatisfactionTrend(periods: periods, overall: overall, afterAsOf: afterAsOf)
    }

    /// The last complete period and the one before it, the pair the report's headline compares.
    public var latestCompletePair: (current: SatisfactionPeriod, previous: SatisfactionPeriod)? {
        guard let i = periods.lastIndex(where: \.isComplete), i > 0 else { return nil }
        return (periods[i], periods[i - 1])
    }
}
