import Model

/// The words exports use for intervals, priorities, churn kinds, survey kinds and statuses.
enum ValueVocabulary {
    /// A billing interval as a number of units.
    enum Interval: Equatable {
        case days(Int), weeks(Int), months(Int)

        /// One billing period's amount as monthly revenue: n months ÷ n (year = 12 months,
        /// quarter = 3), n weeks × 52 ÷ 12 ÷ n, n days × 365 ÷ 12 ÷ n.
        func monthly(_ amount: Double) -> Double {
            switch self {
            case .months(let n): return amount / Double(n)
            case .weeks(let n): return amount * 52 / 12 / Double(n)
            case .days(let n): return amount * 365 / 12 / Double(n)
            }
        }
    }

    /// Reads `month`, `monthly`, `year`, `annual`, `quarterly`, `week`, `biweekly`, `day`,
    /// `3 months`, `every 2 weeks`, …; nil for anything else.
    static func interval(_ text: String) -> Interval? {
        let lower = text.lowercased()
        let digits = lower.filter(\.isNumber)
        let count = digits.isEmpty ? 1 : digits.count <= 3 ? Int(digits) ?? 0 : 0
        let word = headerKey(lower.filter { !$0.isNumber })
            .replacingPrefix("every", with: "")
        guard count >= 1, count <= 100 else { return nil }
        switch word {
        case "month", "months", "monthly", "mo", "mos", "mth", "m", "permonth": return .months(count)
        case "year", "years", "yearly", "annual", "annually", "yr", "yrs", "y", "peryear": return .months(12 * count)
        case "quarter", "quarters", "quarterly", "qtr", "q": return .months(3 * count)
        case "semiannual", "semiannually", "biannual", "halfyear", "halfyearly", "sixmonths": return .months(6 * count)
        case "week", "weeks", "weekly", "wk", "w": return .weeks(count)
        case "biweekly", "fortnight", "fortnightly": return .weeks(2 * count)
        case "day", "days", "daily", "d": return .days(count)
        default: return nil
        }
    }

    /// The billing cadence an interval names: exactly a month, a quarter or a year; nil otherwise.
    static func cadence(interval text: String) -> BillingCadence? {
        switch interval(text) {
        case .months(1): return .monthly
        case .months(3): return .quarterly
        case .months(12): return .annual
        default: return nil
        }
    }

    /// The billing cadence a plan's name states ("Pro annual", "team-yearly", "Quarterly"); nil
    /// when it says none.
    static func cadence(planName text: String) -> BillingCadence? {
        let key = headerKey(text)
        if key.contains("annual") || key.contains("yearly") || key.hasSuffix("year") { return .annual }
        if key.contains("quarter") { return .quarterly }
        if key.contains("monthly") || key.hasSuffix("month") { return .monthly }
        return nil
    }

    static func priority(_ text: String?) -> TicketPriority? {
        guard let text else { return .normal }
        switch headerKey(text) {
        case "low", "p4", "minor", "lowest": return .low
        case "normal", "medium", "p3", "moderate", "": return .normal
        case "high", "p2", "major": return .high
        case "urgent", "critical", "p1", "highest", "blocker", "emergency": return .urgent
        default: return nil
        }
    }

    static func churnKind(_ text: String?) -> ChurnKind? {
        guard let text else { return nil }
        let key = headerKey(text)
        if key.hasPrefix("invol") || key.contains("payment") || key.contains("delinquen") || key == "failed" {
            return .involuntary
        }
        if key.hasPrefix("vol") || key == "customerrequest" || key == "requested" { return .voluntary }
        return nil
    }

    /// The survey kind a text names: "NPS"/"promoter…", "CSAT"/"satisfaction…", a good/bad
    /// satisfaction rating, "CES"/"effort…"; nil for anything else.
    static func surveyKind(_ text: String?) -> SurveyKind? {
        guard var text else { return nil }
        return text.withUTF8 { surveyKind(bytes: $0) }
    }

    /// `surveyKind` of a field's bytes (spaces around it ignored): the usual spellings ("NPS",
    /// "csat", …, all capitals or all small letters) matched on the bytes, anything else by its key.
    static func surveyKind(bytes raw: UnsafeBufferPointer<UInt8>) -> SurveyKind? {
        let c = ByteCursor(raw)
        if c.isAtEnd { return nil }
        let b = UnsafeBufferPointer(rebasing: raw[c.index..<c.end])
        func spelled(_ upper: StaticString) -> Bool {
            guard b.count == upper.utf8CodeUnitCount else { return false }
            let u = upper.utf8Start
            return b.indices.allSatisfy { b[$0] == u[$0] } || b.indices.allSatisfy { b[$0] == u[$0] | 0x20 }
        }
        if spelled("NPS") { return .nps }
        if spelled("CSAT") { return .csat }
        if spelled("CES") { return .ces }
        let key = headerKey(String(decoding: b, as: UTF8.self))
        if key.contains("nps") || key.contains("promoter") { return .nps }
        if key.contains("goodbad") || key == "satisfactionrating" || key == "csatgoodbad" { return .csatGoodBad }
        if key.contains("csat") || key.contains("satisfaction") { return .csat }
        if key.contains("ces") || key.contains("effort") { return .ces }
        return nil
    }

    /// Subscription statuses meaning "never paying": trials.
    static func isTrialStatus(_ key: String) -> Bool {
        key == "trialing" || key == "trial" || key == "intrial" || key == "trialling"
    }

    /// Subscription statuses meaning "no longer active".
    static func isEndedStatus(_ key: String) -> Bool {
        ["canceled", "cancelled", "ended", "expired", "churned", "terminated", "incompleteexpired"].contains(key)
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
