import Model

/// The features of the churn model for one customer at one day, from records dated on or before
/// that day only (computed by `ChurnFeatureWalk`).
///
/// Numeric features (a missing value is 0 and has its own 0/1 "missing" feature, so the model
/// learns what missing means instead of guessing a value):
/// - `tenure_days`: days since the customer's first paid day;
/// - `monthly_revenue`: MRR (subscriptions) or paid revenue of the last 90 days ÷ 3 (orders);
/// - `revenue_change_3m`: (now − 3 months before) ÷ the larger of the two, in [−1, 1]; for orders
///   the last 90 days against the 90 before. Seats are already folded into MRR by ingest, so a
///   change in quantity shows here;
/// - `nps_latest`, `csat_latest` (1–5; good = 5, bad = 1): the latest answer in the last 365 and
///   180 days;
/// - `tickets_90d`: tickets opened in the last 90 days; `overdue_tickets`: open beyond their
///   resolution target;
/// - `days_since_order`: days since the last paid order (order businesses);
/// - `health_<rule>`: the share of each health rule's points (missing = ½), scored without the
///   last-login date (see below);
/// - `plan_<name>`: 1 for the plan of the subscription active on the day (the customer file's
///   plan otherwise), for the most common plans.
///
/// Left out on purpose: the last-login date, the customer status and the CRM churn date are one
/// snapshot taken when the file was exported, so at a past month end they would tell the model
/// the future; failed payments are not in the canonical model.
struct ChurnFeatureSet {
    let names: [String]
    let plans: [String]
    let rules: [HealthRule]

    init(plans: [String], rules: [HealthRule]) {
        self.plans = plans
        self.rules = rules
        names = ["tenure_days", "monthly_revenue", "revenue_change_3m", "nps_latest", "nps_missing",
                 "csat_latest", "csat_missing", "tickets_90d", "overdue_tickets", "days_since_order",
                 "no_orders"]
            + rules.map { "health_" + ChurnFeatureSet.slug($0.name) }
            + plans.map { "plan_" + ChurnFeatureSet.slug($0) }
    }

    static func slug(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// The plan on `day`: the active paid subscription's plan, else the customer file's.
    static func plan(_ customer: CustomerIndex, on day: Day, evidence: HealthEvidence) -> String? {
        evidence.records.subscriptions[customer].last { $0.isActive(on: day) && $0.plan != nil }?.plan
            ?? evidence.customers[customer].plan
    }

    /// The latest of the ascending distinct `paidDays` on or before `day` (binary search).
    static func lastPaidDay(_ paidDays: ArraySlice<Day>, onOrBefore day: Day) -> Day? {
        var low = paidDays.startIndex, high = paidDays.endIndex
        while low < high {
            let mid = (low + high) / 2
            if paidDays[mid] <= day { low = mid + 1 } else { high = mid }
        }
        return low > paidDays.startIndex ? paidDays[low - 1] : nil
    }

    /// Features that describe one thing (a value and its "missing" flag; the plan columns), so the
    /// at-risk list explains "no NPS answer in a year" once instead of as two numbers.
    var groups: [[Int]] {
        var result: [[Int]] = []
        var i = 0
        while i < names.count {
            let name = names[i]
            if name == "nps_latest" || name == "csat_latest" || name == "days_since_order" {
                result.append([i, i + 1])
                i += 2
            } else if name.hasPrefix("plan_") {
                result.append(Array(i..<names.count))
                break
            } else {
                result.append([i])
                i += 1
            }
        }
        return result
    }

    /// The index in `groups` of the plan columns' group; nil without plans.
    static func planGroup(of groups: [[Int]], names: [String]) -> Int? {
        groups.firstIndex { names[$0[0]].hasPrefix("plan_") }
    }

    /// The values of group `g` of `row` that a reason keeps for `describe(group:row:)`: every
    /// feature's value, except for the plan columns (group `planGroup`), whose words read only
    /// which column is the first above 0: one value for them, that column's position in the
    /// group (−1: none), instead of one per plan.
    static func reasonValues(group g: Int, of row: [Double], groups: [[Int]], planGroup: Int?,
                             append: (Double) -> Void) {
        if g == planGroup {
            append(Double(groups[g].firstIndex { row[$0] > 0 } ?? -1))
        } else {
            for feature in groups[g] { append(row[feature]) }
        }
    }

    /// Puts the values `reasonValues(group:of:groups:planGroup:append:)` kept for group `g`, read
    /// with `next`, back into `row`: the features themselves, or for the plans 1 in the column
    /// kept and 0 in the others, which `describe` puts in the same words as the plans' values.
    static func restore(group g: Int, groups: [[Int]], planGroup: Int?, into row: inout [Double], next: () -> Double) {
        if g == planGroup {
            let first = Int(next())
            for (i, feature) in groups[g].enumerated() { row[feature] = i == first ? 1 : 0 }
        } else {
            for feature in groups[g] { row[feature] = next() }
        }
    }

    /// The words for one group of features of a row: "latest NPS 3 (detractor)", "no order for 120 days".
    func describe(group: [Int], row: [Double]) -> String {
        let first = group[0], value = row[first]
        switch names[first] {
        case "tenure_days": return "customer for only " + NumberText.count(Int(value), "day", "days")
        case "monthly_revenue": return "monthly revenue " + NumberText.fixed(value, digits: 2)
        case "revenue_change_3m": return "revenue " + NumberText.signedPercent(value) + " over 3 months"
        case "nps_latest":
            if row[first + 1] > 0 { return "no NPS answer in the last year" }
            let category = NPS.category(score: value)?.rawValue ?? "out of scale"
            return "latest NPS " + NumberText.fixed(value, digits: 0) + " (\(category))"
        case "csat_latest":
            return row[first + 1] > 0 ? "no CSAT answer in the last 180 days" : "latest CSAT " + NumberText.fixed(value, digits: 0) + " of 5"
        case "tickets_90d": return NumberText.count(Int(value), "ticket", "tickets") + " opened in 90 days"
        case "overdue_tickets": return NumberText.count(Int(value), "ticket", "tickets") + " open beyond the resolution target"
        case "days_since_order":
            return row[first + 1] > 0 ? "no paid order yet" : "last order " + NumberText.count(Int(value), "day", "days") + " ago"
        default:
            if let rule = rules.first(where: { "health_" + Self.slug($0.name) == names[first] }) {
                return "health rule \(rule.name): " + NumberText.fixed(value * 100, digits: 0) + " % of its points"
            }
            if let plan = group.first(where: { row[$0] > 0 }).map({ plans[$0 - first] }) { return "on plan " + plan }
            return "on a less common plan"
        }
    }
}

/// One customer's features on one day, with the health score (0–100, as `HealthReport.score`
/// gives it; nil when no rule had data) and the indices of the `health_<rule>` features whose
/// rule had no data (their value is the neutral ½, which is no reason to name).
struct ChurnFeatureRow {
    let values: [Double]
    let healthScore: Double?
    let rulesWithoutData: [Int]
}

/// What the feature rows are computed from.
struct ChurnFeatureContext {
    let evidence: HealthEvidence
    let ledger: ActivityLedger
    let support: SupportConfiguration
    let monthly = PeriodCalendar(.month)
}
