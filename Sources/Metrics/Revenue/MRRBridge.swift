import Model

/// How MRR moved in one period: start + new + expansion + reactivation − contraction − churn = end.
public struct MRRBridgePeriod: Sendable, Hashable {
    public let period: Period
    /// MRR on the day before the period starts (a snapshot of the subscriptions, not a running sum).
    public let start: Double
    /// Movement totals, all ≥ 0 (contraction and churn are amounts lost).
    public let new: Double
    public let expansion: Double
    public let contraction: Double
    public let churn: Double
    public let reactivation: Double
    /// MRR on the period's last day (on as-of for the current period), again a snapshot.
    public let end: Double
    /// Number of movements of each kind (a customer changing MRR twice counts twice).
    public let newCount: Int
    public let expansionCount: Int
    public let contractionCount: Int
    public let churnCount: Int
    public let reactivationCount: Int
    public let isIncomplete: Bool
    /// T12M revenue retention at the period's end day (see `MRRBridge`); nil without MRR a year earlier.
    public let trailingGrossRetention: Double?
    public let trailingNetRetention: Double?

    public var netNew: Double { new + expansion + reactivation - contraction - churn }
    /// end − (start + movements): 0 up to floating-point rounding when the bridge is complete.
    public var difference: Double { end - (start + netNew) }
    /// |difference| ≤ 0.005 (half a cent) or 1e-9 × MRR, whichever is larger.
    public var reconciles: Bool { abs(difference) <= max(0.005, 1e-9 * max(abs(start), abs(end))) }

    /// (churn + contraction) ÷ start; nil when start = 0.
    public var grossMRRChurnRate: Double? { start > 0 ? (churn + contraction) / start : nil }
    /// (churn + contraction − expansion − reactivation) ÷ start (negative = net expansion).
    public var netMRRChurnRate: Double? { start > 0 ? (churn + contraction - expansion - reactivation) / start : nil }
    /// GRR = (start − churn − contraction) ÷ start = 1 − gross MRR churn rate.
    public var grossRevenueRetention: Double? { start > 0 ? (start - churn - contraction) / start : nil }
    /// NRR = (start − churn − contraction + expansion) ÷ start. Reactivation is left out: it comes
    /// from customers who were not paying at the start (ChartMogul's net MRR churn includes it).
    public var netRevenueRetention: Double? { start > 0 ? (start - churn - contraction + expansion) / start : nil }
    /// (start − end) ÷ start: mixes in new business, so it is not a churn rate:
    /// (start − end) ÷ start = net MRR churn rate − new ÷ start.
    public var mrrDeclineRate: Double? { start > 0 ? (start - end) / start : nil }
}

/// MRR and its movements per period, with ChartMogul's movement definitions.
///
/// A customer's MRR is the sum of their paid subscriptions' MRR (within their active spans).
/// Every day a customer's MRR changes is one movement: from 0 to > 0 is new business the first
/// time and reactivation after that; from > 0 to 0 is churn; otherwise an increase is expansion
/// and a decrease contraction (several subscription changes of one customer on one day are
/// netted, so a plan switch is one expansion or contraction). Start and end MRR are independent
/// snapshots, so `reconciles` checks the movements. Rates follow ChartMogul's standard formulas:
/// gross MRR churn = (churn + contraction) ÷ start MRR, net MRR churn = (churn + contraction −
/// expansion − reactivation) ÷ start MRR. T12M retention (the KeyBanc / SaaS Capital cohort
/// definition): take the customers paying 12 months before the end day; NRR = their MRR now ÷
/// their MRR then, GRR = Σ min(MRR now, MRR then) ÷ their MRR then (no expansion credit, ≤ 100 %).
public struct MRRBridge: Sendable, Hashable {
    public static let definition = """
        MRR is the monthly value of the paid subscriptions active on a day. Each change in a \
        customer's MRR is one movement (ChartMogul's definitions): new business (first payment), \
        expansion (increase), contraction (decrease), churn (to zero) and reactivation (a former \
        customer paying again). Start + new + expansion + reactivation − contraction − churn = end, \
        checked every period. Gross MRR churn = (churn + contraction) ÷ start MRR; net MRR churn \
        subtracts expansion and reactivation. GRR and NRR per period are 1 − (churn + contraction) \
        ÷ start and (start − churn − contraction + expansion) ÷ start. Trailing-12-month NRR = \
        today's MRR of the customers who were paying 12 months ago ÷ their MRR then; T12M GRR caps \
        each customer at their MRR then. (Start − end) ÷ start is not a churn rate: it nets off new \
        business.
        """

    public let periods: [MRRBridgePeriod]
    /// MRR on the as-of day.
    public var currentMRR: Double { periods.last?.end ?? 0 }
    /// True when every period reconciles.
    public var reconciles: Bool { periods.allSatisfy(\.reconciles) }
    public var trailingGrossRetention: Double? { periods.last?.trailingGrossRetention }
    public var trailingNetRetention: Double? { periods.last?.trailingNetRetention }

    public init(dataset: Dataset, configuration: MetricsConfiguration) {
        self.init(ledger: ActivityLedger(dataset: dataset, configuration: configuration))
    }

    /// Empty unless the ledger is a subscription business.
    public init(ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)? = nil) {
        let calendar = ledger.configuration.calendar
        let asOf = ledger.asOf
        let customers = ledger.mrr.indices.filter { !ledger.mrr[$0].isEmpty && (including?($0) ?? true) }
        guard ledger.model == .subscriptions,
              let firstDay = customers.compactMap({ ledger.mrr[$0].first?.day }).min() else {
            periods = []
            return
        }
        let first = calendar.period(containing: firstDay).index
        let asOfPeriod = calendar.period(containing: asOf)
        let count = asOfPeriod.index - first + 1
        var new = Array(repeating: 0.0, count: count), expansion = new, contraction = new, churn = new,
            reactivation = new
        var newN = Array(repeating: 0, count: count), expansionN = newN, contractionN = newN, churnN = newN,
            reactivationN = newN
        for c in customers {
            var previous = 0.0
            var everPaid = false
            for step in ledger.mrr[c] where step.day <= asOf {
                let k = calendar.index(containing: step.day) - first
                let delta = step.mrr - previous
                if previous == 0, step.mrr > 0 {
                    if everPaid {
                        reactivation[k] += step.mrr
                        reactivationN[k] += 1
                    } else {
                        new[k] += step.mrr
                        newN[k] += 1
                    }
                } else if step.mrr == 0 {
                    churn[k] += previous
                    churnN[k] += 1
                } else if delta > 0 {
                    expansion[k] += delta
                    expansionN[k] += 1
                } else if delta < 0 {
                    contraction[k] -= delta
                    contractionN[k] += 1
                }
                if step.mrr > 0 { everPaid = true }
                previous = step.mrr
            }
        }
        // Snapshots, independent of the movements: each customer's MRR read off their step
        // function on every period's start and end day (and the day 12 months before the end),
        // walking the steps once per customer since those days only increase.
        var periodList: [Period] = []
        var startDays: [Day] = [], endDays: [Day] = [], thenDays: [Day] = []
        for k in 0..<count {
            let p = calendar.period(index: first + k)
            periodList.append(p)
            startDays.append(p.start.adding(days: -1))
            endDays.append(min(p.end.adding(days: -1), asOf))
            thenDays.append(Self.twelveMonthsBefore(endDays[k]))
        }
        var startMRR = Array(repeating: 0.0, count: count), endMRR = startMRR
        var base = startMRR, now = startMRR, kept = startMRR
        for c in customers {
            let steps = ledger.mrr[c]
            var i = 0, j = 0, h = 0
            func value(at day: Day, _ pointer: inout Int) -> Double {
                while pointer < steps.count, steps[pointer].day <= day { pointer += 1 }
                return pointer == 0 ? 0 : steps[pointer - 1].mrr
            }
            for k in 0..<count {
                startMRR[k] += value(at: startDays[k], &i)
                let after = value(at: endDays[k], &j)
                endMRR[k] += after
                let before = value(at: thenDays[k], &h)
                if before > 0 {
                    base[k] += before
                    now[k] += after
                    kept[k] += min(before, after)
                }
            }
        }
        // Every MRR is a whole number of minor units (`MinorUnit`), so each total is too: drop
        // the floating-point noise of adding them, and the rates below are computed from the
        // exact totals (the metrics JSON and an independent check then agree to the last bit).
        let digits = ledger.configuration.minorUnitDigits
        func exact(_ values: inout [Double]) { values = values.map { MinorUnit.rounded($0, digits: digits) } }
        exact(&new); exact(&expansion); exact(&contraction); exact(&churn); exact(&reactivation)
        exact(&startMRR); exact(&endMRR); exact(&base); exact(&now); exact(&kept)
        var rows: [MRRBridgePeriod] = []
        for k in 0..<count {
            let p = periodList[k]
            rows.append(MRRBridgePeriod(
                period: p, start: startMRR[k], new: new[k], expansion: expansion[k],
                contraction: contraction[k], churn: churn[k], reactivation: reactivation[k], end: endMRR[k],
                newCount: newN[k], expansionCount: expansionN[k], contractionCount: contractionN[k],
                churnCount: churnN[k], reactivationCount: reactivationN[k],
                isIncomplete: first + k == asOfPeriod.index && asOf.adding(days: 1) < p.end,
                trailingGrossRetention: base[k] > 0 ? kept[k] / base[k] : nil,
                trailingNetRetention: base[k] > 0 ? now[k] / base[k] : nil))
        }
        periods = rows
    }

    /// The same calendar day twelve months earlier (clamped to the month's last day).
    public static func twelveMonthsBefore(_ day: Day) -> Day {
        let (y, m, d) = day.components
        return Day(year: y - 1, month: m, day: min(d, Day.daysInMonth(year: y - 1, month: m))) ?? day.adding(days: -365)
    }
}
