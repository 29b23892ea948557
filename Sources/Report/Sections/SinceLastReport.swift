import Mustache

/// "Since last report": what moved between the previous report's metrics JSON and this one.
///
/// - KPI values of both reports side by side (the `headline` objects).
/// - Customers whose health colour changed (from `health.statuses`), worst news first.
/// - Restatements: past periods that were complete in the previous report and whose numbers
///   changed since (late or corrected data): logo churn (`active_start`, `churned`) and MRR
///   (`end`, more than half a cent apart).
public struct SinceLastReport: Sendable, Equatable {
    public struct HealthChange: Sendable, Equatable {
        public var customer: String
        public var from: String
        public var to: String
    }

    public struct Restatement: Sendable, Equatable {
        public var period: String
        public var measure: String
        public var before: Double
        public var after: Double
    }

    public let previousAsOf: String
    public let kpis: [(label: String, previous: String, current: String)]
    public let healthChanges: [HealthChange]
    public let restatements: [Restatement]

    public static func == (a: SinceLastReport, b: SinceLastReport) -> Bool {
        a.previousAsOf == b.previousAsOf && a.healthChanges == b.healthChanges && a.restatements == b.restatements
            && a.kpis.map { [$0.label, $0.previous, $0.current] } == b.kpis.map { [$0.label, $0.previous, $0.current] }
    }

    /// Compares two metrics documents (see `MetricsDocument`); nil when `previous` is not one,
    /// or is not older than `current`.
    public init?(previous: MustacheValue, current: MustacheValue) {
        guard case .object(let old) = previous, case .object(let new) = current,
              case .string(let oldAsOf)? = old["as_of"], case .string(let newAsOf)? = new["as_of"],
              oldAsOf < newAsOf else { return nil }
        previousAsOf = oldAsOf
        let oldHeadline = Self.strings(old["headline"]), newHeadline = Self.strings(new["headline"])
        kpis = newHeadline.keys.sorted().compactMap { label in
            oldHeadline[label].map { (label, $0, newHeadline[label]!) }
        }
        let oldHealth = Self.health(old["health"]), newHealth = Self.health(new["health"])
        let rank = ["red": 0, "amber": 1, "green": 2]
        healthChanges = newHealth.compactMap { customer, status -> HealthChange? in
            guard let before = oldHealth[customer], before != status else { return nil }
            return HealthChange(customer: customer, from: before, to: status)
        }.sorted { (rank[$0.to] ?? 3, $0.customer) < (rank[$1.to] ?? 3, $1.customer) }

        var restated: [Restatement] = []
        let oldChurn = Self.periods(old["churn"]), newChurn = Self.periods(new["churn"])
        for (period, before) in oldChurn.sorted(by: { $0.key < $1.key }) where before["incomplete"] != .bool(true) {
            guard let after = newChurn[period] else { continue }
            for (key, measure) in [("active_start", "Customers at start"), ("churned", "Customers churned")] {
                if let a = Self.number(before[key]), let b = Self.number(after[key]), a != b {
                    restated.append(Restatement(period: period, measure: measure, before: a, after: b))
                }
            }
        }
        let oldMRR = Self.periods(old["mrr"]), newMRR = Self.periods(new["mrr"])
        for (period, before) in oldMRR.sorted(by: { $0.key < $1.key }) where before["incomplete"] != .bool(true) {
            if let a = Self.number(before["end"]), let b = Self.number(newMRR[period]?["end"]), abs(a - b) > 0.005 {
                restated.append(Restatement(period: period, measure: "MRR at end", before: a, after: b))
            }
        }
        restatements = restated
    }

    /// The `since_last` object the `since-last` partial shows.
    func context(format: ReportFormatter, customerName: (String) -> String, limit: Int = 25) -> MustacheValue {
        var object: [String: MustacheValue] = [
            "previous_as_of": .string(previousAsOf),
            "kpis": TableView(caption: "Key figures: previous report and this one",
                              columns: [.init("Figure"), .init("Previous report"), .init("This report")],
                              rows: kpis.map { .init(header: $0.label, cells: [.init($0.previous), .init($0.current)]) }).context,
            "has_health_changes": .bool(!healthChanges.isEmpty),
            "has_restatements": .bool(!restatements.isEmpty),
        ]
        if !healthChanges.isEmpty {
            let shown = healthChanges.prefix(limit)
            object["health_changes"] = TableView(
                caption: "Customers whose health changed colour (\(shown.count) of \(healthChanges.count), worst news first)",
                columns: [.init("Customer"), .init("Was"), .init("Now")],
                rows: shown.map { .init(header: customerName($0.customer), cells: [
                    .init($0.from.capitalized, cssClass: "status-\($0.from)"), .init($0.to.capitalized, cssClass: "status-\($0.to)"),
                ]) }).context
        }
        if !restatements.isEmpty {
            object["restatements"] = TableView(
                caption: "Past periods restated by late or corrected data",
                columns: [.init("Period"), .init("Measure"), .init("Previous report"), .init("This report"), .init("Change")],
                rows: restatements.map { r in
                    let money = r.measure.hasPrefix("MRR")
                    let show = { (v: Double) in money ? format.money(v, decimals: 2) : format.number(v) }
                    return .init(header: r.period, cells: [
                        .init(r.measure), .init(show(r.before)), .init(show(r.after)),
                        .init(money ? format.signedMoney(r.after - r.before, decimals: 2) : format.signedNumber(r.after - r.before)),
                    ])
                }).context
        }
        return .object(object)
    }

    private static func strings(_ value: MustacheValue?) -> [String: String] {
        guard case .object(let o)? = value else { return [:] }
        return o.compactMapValues { if case .string(let s) = $0 { return s }; return nil }
    }

    /// Customer id → colour, from `health.statuses` (colour → ids), or from the per-customer
    /// `health` list that metrics files written before the customers CSV existed carry.
    private static func health(_ value: MustacheValue?) -> [String: String] {
        var map: [String: String] = [:]
        switch value {
        case .object(let o)?:
            guard case .object(let statuses)? = o["statuses"] else { return [:] }
            for (status, ids) in statuses {
                guard case .list(let items) = ids else { continue }
                for case .string(let id) in items { map[id] = status }
            }
        case .list(let items)?:
            for case .object(let o) in items {
                if case .string(let id)? = o["customer"], case .string(let status)? = o["status"] { map[id] = status }
            }
        default:
            break
        }
        return map
    }

    private static func periods(_ value: MustacheValue?) -> [String: [String: MustacheValue]] {
        guard case .list(let items)? = value else { return [:] }
        var map: [String: [String: MustacheValue]] = [:]
        for case .object(let o) in items {
            if case .string(let p)? = o["period"] { map[p] = o }
        }
        return map
    }

    private static func number(_ value: MustacheValue?) -> Double? {
        switch value {
        case .int(let i)?: return Double(i)
        case .double(let d)?: return d
        default: return nil
        }
    }
}
