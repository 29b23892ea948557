import Charts
import Metrics
import Model

/// The KPI tiles: active customers, MRR, logo churn, GRR, NRR, CSAT, NPS and at-risk count,
/// each for the latest complete period against the one before, with a sparkline of the trend.
/// Tiles whose data the inputs do not have are left out.
struct KPISection {
    let analysis: RetentionAnalysis
    let periods: ReportPeriods
    let format: ReportFormatter

    func tiles() -> [KPITile] {
        var tiles: [KPITile] = []
        let churnByIndex = Dictionary(analysis.churn.periods.map { ($0.period.index, $0) }, uniquingKeysWith: { a, _ in a })
        let labels = periods.trend.map(\.label)

        // Active customers at the end of each period.
        let active = periods.trend.map { churnByIndex[$0.index].map { Double($0.customersAtEnd) } }
        if let now = active.last ?? nil {
            let before = active.dropLast().last ?? nil
            tiles.append(tile("Active customers", now, before, higherIsBetter: true, significant: nil,
                              text: { format.number($0) }, delta: { format.signedNumber($0) },
                              series: active, labels: labels, chartFormat: .plain(decimals: 0), id: "kpi-active"))
        }

        if let bridge = analysis.mrr {
            let byIndex = Dictionary(bridge.periods.map { ($0.period.index, $0) }, uniquingKeysWith: { a, _ in a })
            let mrr = periods.trend.map { byIndex[$0.index]?.end }
            if let now = mrr.last ?? nil {
                tiles.append(tile("MRR", now, mrr.dropLast().last ?? nil, higherIsBetter: true, significant: nil,
                                  text: { format.money($0) }, delta: { format.signedMoney($0) },
                                  series: mrr, labels: labels, chartFormat: .currency(symbol: format.currencySymbol, decimals: 0),
                                  id: "kpi-mrr"))
            }
            let grr = periods.trend.map { byIndex[$0.index]?.grossRevenueRetention }
            if let now = grr.last ?? nil {
                tiles.append(tile("Gross revenue retention", now, grr.dropLast().last ?? nil, higherIsBetter: true,
                                  significant: nil, text: { format.percent($0) }, delta: { format.points($0 * 100) },
                                  series: grr, labels: labels, chartFormat: .percent(decimals: 1), id: "kpi-grr",
                                  note: bridge.trailingGrossRetention.map { "Trailing 12 months: " + format.percent($0) }))
            }
            let nrr = periods.trend.map { byIndex[$0.index]?.netRevenueRetention }
            if let now = nrr.last ?? nil {
                tiles.append(tile("Net revenue retention", now, nrr.dropLast().last ?? nil, higherIsBetter: true,
                                  significant: nil, text: { format.percent($0) }, delta: { format.points($0 * 100) },
                                  series: nrr, labels: labels, chartFormat: .percent(decimals: 1), id: "kpi-nrr",
                                  note: bridge.trailingNetRetention.map { "Trailing 12 months: " + format.percent($0) }))
            }
        }

        let churn = periods.trend.map { churnByIndex[$0.index]?.churnRate }
        if let now = churn.last ?? nil, let latest = churnByIndex[periods.latestComplete.index] {
            let prior = churnByIndex[periods.previous.index]
            let change = prior.map {
                MetricChange.proportions(successes: latest.churned, trials: latest.customersAtStart,
                                         previousSuccesses: $0.churned, previousTrials: $0.customersAtStart)
            }
            tiles.append(tile("Logo churn", now, churn.dropLast().last ?? nil, higherIsBetter: false,
                              significant: change?.significant, text: { format.percent($0) },
                              delta: { format.points($0 * 100) }, series: churn, labels: labels,
                              chartFormat: .percent(decimals: 1), id: "kpi-churn",
                              note: "\(format.integer(latest.churned)) of \(format.integer(latest.customersAtStart)) customers"))
        }

        if let trend = analysis.satisfaction {
            let byIndex = Dictionary(trend.periods.map { ($0.period.index, $0) }, uniquingKeysWith: { a, _ in a })
            let latest = byIndex[periods.latestComplete.index]?.scores
            let prior = byIndex[periods.previous.index]?.scores
            let csat = periods.trend.map { byIndex[$0.index]?.scores.csat }
            if let now = latest?.csat, let latest {
                let change = prior.map { latest.csatChange(since: $0) }
                tiles.append(tile("CSAT", now, prior?.csat, higherIsBetter: true, significant: change?.significant,
                                  text: { format.percent($0) }, delta: { format.points($0 * 100) },
                                  series: csat, labels: labels, chartFormat: .percent(decimals: 1), id: "kpi-csat",
                                  note: sampleNote(latest.csatN, small: latest.csatIsSmallSample)))
            }
            let nps = periods.trend.map { byIndex[$0.index]?.scores.nps }
            if let now = latest?.nps, let latest {
                let change = prior.map { latest.npsChange(since: $0) }
                tiles.append(tile("NPS", now, prior?.nps, higherIsBetter: true, significant: change?.significant,
                                  text: { format.number($0) }, delta: { format.signedNumber($0) },
                                  series: nps, labels: labels, chartFormat: .plain(decimals: 0), id: "kpi-nps",
                                  note: sampleNote(latest.npsN, small: latest.npsIsSmallSample)
                                    + (latest.npsMoe.map { ", ±" + format.number($0) } ?? "")))
            }
        }

        let atRiskCount = analysis.health.atRiskCount
        let history = analysis.healthHistory.map { Double($0.distribution.red + $0.distribution.amber) }
        tiles.append(KPITile(
            label: "Customers at risk", value: format.integer(atRiskCount), previous: nil, change: nil,
            trend: "flat", judgement: .neutral,
            sparkline: history.count > 1 ? Sparkline(title: "Customers at risk, last periods", idPrefix: "kpi-risk",
                                                      values: history, format: .plain(decimals: 0),
                                                      labels: analysis.healthHistory.map(\.period.label)).render() : nil,
            note: format.money(analysis.health.revenueAtRisk) + " monthly revenue at risk",
            number: Double(atRiskCount)))
        return tiles
    }

    private func sampleNote(_ n: Int, small: Bool) -> String {
        "n = \(format.integer(n))" + (small ? " (small sample)" : "")
    }

    private func tile(_ label: String, _ now: Double, _ before: Double?, higherIsBetter: Bool, significant: Bool?,
                      text: (Double) -> String, delta: (Double) -> String, series: [Double?], labels: [String],
                      chartFormat: ValueFormat, id: String, note: String? = nil) -> KPITile {
        let difference = before.map { now - $0 }
        var (trend, judgement) = KPITile.assess(difference, higherIsBetter: higherIsBetter, significant: significant)
        var change = difference.map(delta)
        if change?.hasPrefix("±") == true { (trend, judgement) = ("flat", .neutral) }
        if let c = change, significant == false { change = c + " (not significant)" }
        let spark = series.compactMap { $0 }.count > 1
            ? Sparkline(title: "\(label), last \(series.count) periods", idPrefix: id, values: series,
                        format: chartFormat, labels: labels).render()
            : nil
        return KPITile(label: label, value: text(now), previous: before.map(text), change: change, trend: trend,
                       judgement: judgement, sparkline: spark, note: note, number: now, previousNumber: before)
    }
}
