/// The demo company's price list and the CRM's picklists.

/// Plans in ascending price order; upgrades move one step up, downgrades one step down.
enum Plan: Int, CaseIterable {
    case starter, growth, scale

    var name: String {
        switch self {
        case .starter: return "Starter"
        case .growth: return "Growth"
        case .scale: return "Scale"
        }
    }

    /// List price per month in cents ($49, $199, $799). Annual billing costs 10× this.
    var monthlyCents: Int {
        switch self {
        case .starter: return 4_900
        case .growth: return 19_900
        case .scale: return 79_900
        }
    }

    /// Base monthly churn hazard before tenure and risk factors (Starter churns most).
    var baseHazard: Double {
        switch self {
        case .starter: return 0.032
        case .growth: return 0.019
        case .scale: return 0.010
        }
    }

    var higher: Plan? { Plan(rawValue: rawValue + 1) }
    var lower: Plan? { Plan(rawValue: rawValue - 1) }
}

enum BillingInterval {
    case month, year

    var name: String { self == .month ? "month" : "year" }
    var months: Int { self == .month ? 1 : 12 }
}

enum Segment: Int, CaseIterable {
    case smb, midMarket, enterprise

    static let weights: [Double] = [0.64, 0.28, 0.08]

    var name: String {
        switch self {
        case .smb: return "SMB"
        case .midMarket: return "Mid-Market"
        case .enterprise: return "Enterprise"
        }
    }

    /// Weights of the first plan (Starter, Growth, Scale).
    var planWeights: [Double] {
        switch self {
        case .smb: return [0.70, 0.27, 0.03]
        case .midMarket: return [0.18, 0.60, 0.22]
        case .enterprise: return [0.0, 0.25, 0.75]
        }
    }

    /// Share billed annually.
    var annualShare: Double {
        switch self {
        case .smb: return 0.14
        case .midMarket: return 0.30
        case .enterprise: return 0.55
        }
    }

    /// Share starting with a 14-day trial.
    var trialShare: Double {
        switch self {
        case .smb: return 0.45
        case .midMarket: return 0.30
        case .enterprise: return 0.05
        }
    }

    /// Support tickets per active month for a perfectly healthy customer.
    var ticketRate: Double {
        switch self {
        case .smb: return 0.10
        case .midMarket: return 0.22
        case .enterprise: return 0.45
        }
    }

    /// Share that is asked the quarterly NPS question.
    var npsShare: Double {
        switch self {
        case .smb: return 0.55
        case .midMarket: return 0.75
        case .enterprise: return 0.90
        }
    }
}

enum Region: Int, CaseIterable {
    case northAmerica, emea, apac, latam

    static let weights: [Double] = [0.45, 0.30, 0.15, 0.10]

    var name: String {
        switch self {
        case .northAmerica: return "North America"
        case .emea: return "EMEA"
        case .apac: return "APAC"
        case .latam: return "LATAM"
        }
    }
}

enum Channel: Int, CaseIterable {
    case organic, paidSearch, partner, outbound, referral

    var name: String {
        switch self {
        case .organic: return "Organic"
        case .paidSearch: return "Paid Search"
        case .partner: return "Partner"
        case .outbound: return "Outbound"
        case .referral: return "Referral"
        }
    }

    /// Outbound sales hunts larger accounts; self-serve channels bring small ones.
    static func weights(for segment: Segment) -> [Double] {
        switch segment {
        case .smb: return [0.34, 0.30, 0.12, 0.06, 0.18]
        case .midMarket: return [0.24, 0.20, 0.20, 0.22, 0.14]
        case .enterprise: return [0.10, 0.05, 0.25, 0.50, 0.10]
        }
    }

    /// Churn multiplier: referred customers stay longer, paid-search ones leave sooner.
    var hazardFactor: Double {
        switch self {
        case .organic: return 1.0
        case .paidSearch: return 1.25
        case .partner: return 0.9
        case .outbound: return 1.05
        case .referral: return 0.75
        }
    }
}

/// The customer-success managers who own accounts.
let accountOwners = [
    "Alex Kim", "Priya Raman", "Jordan Lee", "Sofía Álvarez", "Marcus Chen", "Hannah Wright",
]

enum ChurnReason: Int, CaseIterable {
    case price, missingFeature, competitor, businessClosed, poorSupport, paymentFailed

    var name: String {
        switch self {
        case .price: return "Price"
        case .missingFeature: return "Missing feature"
        case .competitor: return "Switched to competitor"
        case .businessClosed: return "Business closed"
        case .poorSupport: return "Poor support"
        case .paymentFailed: return "Payment failed"
        }
    }

    /// Payment failures are involuntary churn; every other reason is the customer's decision.
    var isInvoluntary: Bool { self == .paymentFailed }

    /// Reason weights given the plan, segment and how troubled the account was (0…1).
    static func weights(plan: Plan, segment: Segment, trouble: Double) -> [Double] {
        [
            plan == .starter ? 0.28 : 0.18,            // price
            plan == .scale ? 0.22 : 0.16,              // missing feature
            segment == .smb ? 0.12 : 0.20,             // competitor
            segment == .smb ? 0.14 : 0.05,             // business closed
            0.04 + 0.22 * trouble,                      // poor support
            plan == .starter ? 0.20 : 0.12,            // payment failed
        ]
    }
}

enum TicketPriorityLevel: Int {
    case low, normal, high, urgent

    static let weights: [Double] = [0.22, 0.50, 0.20, 0.08]

    var name: String {
        switch self {
        case .low: return "low"
        case .normal: return "normal"
        case .high: return "high"
        case .urgent: return "urgent"
        }
    }

    /// Typical minutes to the first agent reply.
    var firstResponseMinutes: ClosedRange<Int> {
        switch self {
        case .low: return 60...2_880
        case .normal: return 20...1_440
        case .high: return 10...360
        case .urgent: return 3...90
        }
    }
}
