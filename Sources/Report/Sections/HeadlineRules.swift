import Metrics
import Model

/// Writes the 3–6 sentences at the top of the report from the numbers, by fixed rules, in this
/// order (the first six that apply are kept):
/// 1. Logo churn moved significantly (two-proportion z-test at 95 %) between the previous and
///    the latest complete period; then the churn reason whose count moved most, as the driver.
/// 2. Logo churn of the latest complete period is the highest (or lowest) of the trend window.
/// 3. MRR changed (an exact quantity, no test): net new MRR with its largest movement.
/// 4. CSAT or NPS moved significantly (two-proportion z-test / NPS difference z-test).
/// 5. The segment whose churn rate is clearly above the rest: its 95 % Wilson interval lies wholly
///    above the overall rate of its attribute (most customer-periods first on ties).
/// 6. The most common churn reason over the window.
/// 7. Customers at risk and the monthly revenue they carry.
/// A change whose test is not significant never becomes a headline.
struct HeadlineRules {
    let analysis: RetentionAnalysis
    let periods: ReportPeriods
    let format: ReportFormatter
    static let limit = 6

    func headlines() -> [Headline] {
        var lines: [Headline] = []
        lines += churnChange()
        lines += churnRecord()
        lines += mrrChange()
        lines += satisfactionChanges()
        lines += segmentDriver()
        lines += topReason()
        lines += atRisk()
        return Array(lines.prefix(Self.limit))
    }

    private var latestName: String { format.periodName(periods.latestComplete) }
    private var previousName: String { format.periodName(periods.previous) }

    private func churnPeriod(_ period: Period) -> ChurnPeriod? {
        analysis.churn.periods.first { $0.period.index == period.index }
    }

    func churnChange() -> [Headline] {
        guard let now = churnPeriod(periods.latestComplete), let before = churnPeriod(periods.previous) else { return [] }
        let change = MetricChange.proportions(successes: now.churned, trials: now.customersAtStart,
                                              previousSuccesses: before.churned, previousTrials: before.customersAtStart)
        guard change.isHeadline, let rate = now.churnRate, let previousRate = before.churnRate else { return [] }
        let rose = rate > previousRate
        var text = "Logo churn \(rose ? "rose" : "fell") from \(format.percent(previousRate)) in \(previousName) "
            + "to \(format.percent(rate)) in \(latestName) (\(format.integer(now.churned)) of "
            + "\(format.integer(now.customersAtStart)) customers; significant at 95 %)."
        if let driver = reasonDriver(rose: rose) { text += " " + driver }
        return [Headline(tone: rose ? "bad" : "good", text: text)]
    }

    /// The churn reason whose count moved most in the direction of the overall change.
    private func reasonDriver(rose: Bool) -> String? {
        let perPeriod = analysis.churnReasons.perPeriod
        guard let now = perPeriod.first(where: { $0.period.index == periods.latestComplete.index }),
              let before = perPeriod.first(where: { $0.period.index == periods.previous.index }) else { return nil }
        var deltas: [String: Int] = [:]
        for row in now.rows { deltas[row.reason, default: 0] += row.count }
        for row in before.rows { deltas[row.reason, default: 0] -= row.count }
        let sorted = deltas.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let top = rose ? sorted.first : sorted.last, rose ? top.value > 0 : top.value < 0 else { return nil }
        return "The largest move was in “\(top.key)” (\(format.signedNumber(Double(top.value))) customers)."
    }

    func churnRecord() -> [Headline] {
        let window = periods.trend.compactMap { p in churnPeriod(p).flatMap { $0.churnRate.map { (p, $0) } } }
        guard window.count >= 6, let latest = window.last, latest.0 == periods.latestComplete else { return [] }
        let earlier = window.dropLast().map(\.1)
        if latest.1 > earlier.max()! {
            return [Headline(tone: "bad", text: "Logo churn of \(format.percent(latest.1)) in \(latestName) is the "
                + "highest of the last \(window.count) periods.")]
        }
        if latest.1 < earlier.min()! {
            return [Headline(tone: "good", text: "Logo churn of \(format.percent(latest.1)) in \(latestName) is the "
                + "lowest of the last \(window.count) periods.")]
        }
        return []
    }

    func mrrChange() -> [Headline] {
        guard let bridge = analysis.mrr,
              let now = bridge.periods.first(where: { $0.period.index == periods.latestComplete.index }),
              now.start > 0 else { return [] }
        let net = now.netNew
        guard net != 0 else { return [] }
        let movements: [(String, Double)] = [("new business", now.new), ("expansion", now.expansion),
                                             ("reactivation", now.reactivation), ("churn", -now.churn),
                                             ("contraction", -now.contraction)]
        let largest = movements.max { abs($0.1) < abs($1.1) }!
        let text = "MRR \(net > 0 ? "grew" : "shrank") \(format.percent(abs(net) / now.start)) to "
            + "\(format.money(now.end)) in \(latestName) (net \(format.signedMoney(net)); largest movement: "
            + "\(largest.0) \(format.signedMoney(largest.1)))."
        return [Headline(tone: net > 0 ? "good" : "bad", text: text)]
    }

    func satisfactionChanges() -> [Headline] {
        guard let trend = analysis.satisfaction,
              let now = trend.periods.first(where: { $0.period.index == periods.latestComplete.index })?.scores,
              let before = trend.periods.first(where: { $0.period.index == periods.previous.index })?.scores
        else { return [] }
        var lines: [Headline] = []
        let csat = now.csatChange(since: before)
        if csat.isHeadline, let a = csat.previous, let b = csat.current {
            lines.append(Headline(tone: b > a ? "good" : "bad",
                                  text: "CSAT \(b > a ? "rose" : "fell") from \(format.percent(a)) to \(format.percent(b)) "
                                    + "in \(latestName) (n = \(format.integer(now.csatN)); significant at 95 %)."))
        }
        let nps = now.npsChange(since: before)
        if nps.isHeadline, let a = nps.previous, let b = nps.current {
            lines.append(Headline(tone: b > a ? "good" : "bad",
                                  text: "NPS \(b > a ? "rose" : "fell") from \(format.number(a)) to \(format.number(b)) "
                                    + "in \(latestName) (n = \(format.integer(now.npsN)); significant at 95 %)."))
        }
        return lines
    }

    func segmentDriver() -> [Headline] {
        var best: (attribute: String, row: SegmentChurn.Row, overall: Double)?
        for segment in analysis.segmentChurn where segment.rows.count > 1 {
            let churned = segment.rows.reduce(0) { $0 + $1.churned }
            let exposure = segment.rows.reduce(0) { $0 + $1.customerPeriods }
            guard exposure > 0 else { continue }
            let overall = Double(churned) / Double(exposure)
            for row in segment.rows where row.interval.lower > overall && row.value != CohortTable.missingSegmentLabel {
                let margin = row.interval.lower - overall
                if best.map({ margin > $0.row.interval.lower - $0.overall }) ?? true {
                    best = (segment.attribute, row, overall)
                }
            }
        }
        guard let best, let rate = best.row.rate else { return [] }
        return [Headline(tone: "bad",
                         text: "\(best.attribute.capitalized) “\(best.row.value)” churns most: \(format.percent(rate)) a "
                            + "\(RetentionReport.word(for: periods.calendar.granularity)) (95 % interval "
                            + "\(format.percent(best.row.interval.lower))–\(format.percent(best.row.interval.upper))) against "
                            + "\(format.percent(best.overall)) for all \(best.attribute) values over the last "
                            + "\(periods.trend.count) periods.")]
    }

    func topReason() -> [Headline] {
        let reasons = analysis.churnReasons
        guard let top = reasons.rows.first(where: { $0.reason != ChurnReasonBreakdown.unknownReason }), top.count > 0
        else { return [] }
        return [Headline(tone: "neutral",
                         text: "“\(top.reason)” was the most common churn reason over the last \(reasons.window.count) "
                            + "periods (\(format.integer(top.count)) customers, \(format.percent(top.share)) of churn).")]
    }

    func atRisk() -> [Headline] {
        let count = analysis.health.atRiskCount
        guard count > 0 else { return [] }
        let red = analysis.health.atRiskRedCount
        return [Headline(tone: "neutral",
                         text: "\(format.integer(count)) active customers are at risk (\(format.integer(red)) red, "
                            + "\(format.integer(count - red)) amber), with \(format.money(analysis.health.revenueAtRisk)) "
                            + "of monthly revenue.")]
    }
}
