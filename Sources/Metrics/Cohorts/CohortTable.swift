import Model

/// One cell of a cohort table: the cohort `k` periods after it started.
public struct CohortCell: Sendable, Hashable {
    /// Periods since the cohort period (0 = the cohort's own period).
    public let k: Int
    /// Customers of the cohort retained in period k.
    public let customers: Int
    /// customers ÷ cohort size.
    public let retention: Double
    /// MRR at the end of period k (subscriptions), or net order revenue in period k (orders),
    /// of the cohort's customers.
    public let revenue: Double
    /// revenue ÷ revenue in period 0; nil when period 0 had no revenue.
    public let revenueRetention: Double?
    /// Period k contains the as-of date and is not finished yet.
    public let isIncomplete: Bool
}

/// One acquisition cohort.
public struct CohortRow: Sendable, Hashable {
    public let cohort: Period
    public let size: Int
    /// Indexed by k; nil where the cohort has not reached period k by as-of (and everywhere for
    /// an empty cohort). All rows have the same width: the age of the oldest cohort + 1.
    public let cells: [CohortCell?]
}

/// Acquisition cohorts and their customer and revenue retention by age.
///
/// Cohorts: customers are grouped by the period (configured calendar) of their signup or first
/// paid day (`cohortBasis`); re-subscribers stay in their original cohort.
/// Only customers who paid (by as-of) are in cohorts: sign-ups who never paid are counted apart
/// (`ActivityLedger.neverPaid`).
/// Customer retention in period k = customers of the cohort retained in k ÷ cohort size, where
/// retained means active (paying) on at least one day of period k up to as-of (subscriptions,
/// customer records), or having ≥ 1 paid order in period k (orders). Under the first-payment
/// basis k = 0 is therefore 100 %.
/// Unbounded retention counts a customer in k if retained in k or any later period.
/// Revenue retention = cohort revenue in k ÷ cohort revenue in period 0 (MRR at period end for
/// subscriptions; net order revenue in the period, refunds included, for orders).
/// Cells the cohort has not reached by as-of are nil (never 0 %); the period containing as-of is
/// incomplete unless as-of is its last day. Summary_k = Σ retained_k ÷ Σ size over the cohorts
/// that reached k (the mean weighted by cohort size). Sources: ChartMogul cohort analysis
/// (customer and MRR retention cohorts), Amplitude bounded/unbounded retention.
public struct CohortTable: Sendable, Hashable {
    public static let definition = """
        Paying customers are grouped into cohorts by the period of their signup (or first \
        payment); customers who leave and come back stay in their first cohort, and sign-ups who \
        never paid are in no cohort. Retention in period k is the share of the cohort paying on \
        at least one day of period k (subscriptions) or placing at least one paid order in period \
        k (orders), so under first payment period 0 is 100 %; unbounded retention counts anyone \
        active in k or later. Revenue retention is the cohort's MRR at the end of k (or order \
        revenue in k, net of refunds) divided by period 0. Periods a cohort has not reached are \
        left blank, the current period is marked incomplete, and the summary row is the average \
        weighted by cohort size over the cohorts that reached k.
        """

    /// Label used for customers with no value for a segmenting attribute.
    public static let missingSegmentLabel = "(not set)"

    public let rows: [CohortRow]
    /// Customer retention by k, weighted by cohort size; nil where no non-empty cohort reached k.
    public let summary: [Double?]
    /// Σ revenue_k ÷ Σ revenue_0 over the cohorts that reached k with revenue in period 0.
    public let revenueSummary: [Double?]
    /// `Period.index` of the period containing as-of when it is incomplete, else nil.
    public let incompletePeriodIndex: Int?
    public let unbounded: Bool
    public let model: RevenueModel
    /// Customers placed in a cohort (Σ sizes).
    public var customersCounted: Int { rows.reduce(0) { $0 + $1.size } }

    /// The table of a whole dataset. Order datasets go through `CohortAccumulator`, the same
    /// code a streamed order file uses.
    public init(dataset: Dataset, configuration: MetricsConfiguration) {
        if RevenueModel(dataset: dataset) == .orders {
            var configuration = configuration
            configuration.minorUnitDigits = MinorUnit.digits(of: dataset.currency)
            var acc = CohortAccumulator(customers: dataset.customers, configuration: configuration)
            for o in dataset.orders { acc.add(o) }
            self = acc.finish()
        } else {
            self.init(ledger: ActivityLedger(dataset: dataset, configuration: configuration))
        }
    }

    /// The table over every customer of the ledger, or those `including` says.
    public init(ledger: ActivityLedger, including: ((CustomerIndex) -> Bool)? = nil) {
        let config = ledger.configuration
        // One walk for the earliest cohort (where the grid starts), one to fill the grid.
        let first = ledger.activity.indices.lazy.compactMap { CohortMember.cohort(of: $0, in: ledger, including: including) }.min()
        let last = config.calendar.index(containing: config.asOf)
        guard let first else {
            self.init(grid: CohortGrid(first: last, last: last, empty: true), configuration: config, model: ledger.model)
            return
        }
        var grid = CohortGrid(first: first, last: last)
        CohortMember.forEach(of: ledger, including: including) { grid.add($0, unbounded: config.unboundedRetention, last: last) }
        self.init(grid: grid, configuration: config, model: ledger.model)
    }

    /// One table per value of a customer attribute (`plan`, `segment`, `region`, `channel`,
    /// `owner` or any mapped attribute), sorted by value, the missing value last.
    public static func bySegment(_ ledger: ActivityLedger, attribute: String) -> [(value: String, table: CohortTable)] {
        bySegments(ledger, attributes: [attribute])[0].tables
    }

    /// `bySegment` for several attributes, from one walk over the members for all the tables
    /// (each table counts the same members, in the same order, as one table per value built on
    /// its own): a first walk finds each table's earliest cohort, the second adds every member
    /// to the table of its value for each attribute.
    public static func bySegments(_ ledger: ActivityLedger, attributes: [String])
        -> [(attribute: String, tables: [(value: String, table: CohortTable)])] {
        tables(ledger, attributes: attributes, whole: false).segments
    }

    /// `CohortTable(ledger:)` and `bySegments(_:attributes:)` from the same two walks over the
    /// members: each member is worked out once and added to the whole table and to its value's
    /// table of every attribute, so every table is the one it is on its own.
    public static func withSegments(_ ledger: ActivityLedger, attributes: [String])
        -> (whole: CohortTable, segments: [(attribute: String, tables: [(value: String, table: CohortTable)])]) {
        withSegments(ledger, attributes: attributes, parts: FixedPartition.parts)
    }

    /// `withSegments(_:attributes:)` with the second walk on `parts` threads (tests pass 1, 2, 3).
    static func withSegments(_ ledger: ActivityLedger, attributes: [String], parts: Int)
        -> (whole: CohortTable, segments: [(attribute: String, tables: [(value: String, table: CohortTable)])]) {
        let both = tables(ledger, attributes: attributes, whole: true, parts: parts)
        return (both.whole!, both.segments)
    }

    /// The per-segment tables of `attributes`, and the whole table when `whole`.
    ///
    /// The second walk runs on `parts` threads, split by cohort: a cell counts only the members
    /// of its row's cohort, so each thread walks every customer in customer order but builds the
    /// members of its own contiguous range of cohorts only, into grids of its own, and each
    /// grid's rows are then copied from the thread that owns them. Every cell adds the same
    /// members in the same (customer) order as one walk: the tables are the same, bit for bit.
    private static func tables(_ ledger: ActivityLedger, attributes: [String], whole: Bool,
                               parts: Int = FixedPartition.parts)
        -> (whole: CohortTable?, segments: [(attribute: String, tables: [(value: String, table: CohortTable)])]) {
        let config = ledger.configuration
        let last = config.calendar.index(containing: config.asOf)
        let segments = attributes.map { SegmentCodes(ledger, attribute: $0) }
        var firsts = segments.map { [Int?](repeating: nil, count: $0.values.count) }
        var firstOfAll: Int?
        // Members per cohort, by age (last − cohort: a member's cohort is never after as-of's).
        var membersByAge: [Int] = []
        // Each customer's cohort, for the walks of the cohort ranges below (2 bytes a customer:
        // this is the report's peak of memory).
        var known = CohortMember.KnownCohorts(count: ledger.activity.count, last: last)
        for i in ledger.activity.indices {
            guard let cohort = CohortMember.cohort(of: i, in: ledger, including: nil) else { continue }
            known.set(cohort, of: i)
            firstOfAll = min(cohort, firstOfAll ?? cohort)
            for a in segments.indices {
                let code = Int(segments[a].codes[i])
                firsts[a][code] = min(cohort, firsts[a][code] ?? cohort)
            }
            let age = last - cohort
            if age >= membersByAge.count { membersByAge += [Int](repeating: 0, count: age + 1 - membersByAge.count) }
            membersByAge[age] += 1
        }
        let cuts = cohortRanges(first: firstOfAll ?? last, last: last, membersByAge: membersByAge,
                                parts: ledger.activity.count < FixedPartition.minimumParallelCount ? 1 : parts)
        let built = BalancedPartition.map(cuts) { cohorts in
            var all = whole ? firstOfAll.map { CohortGrid(first: $0, last: last) } : nil
            var grids = firsts.map { $0.map { first in first.map { CohortGrid(first: $0, last: last) } } }
            CohortMember.forEach(of: ledger, including: nil, cohorts: cohorts, known: known.isComplete ? known : nil) { m in
                all?.add(m, unbounded: config.unboundedRetention, last: last)
                for a in segments.indices {
                    grids[a][Int(segments[a].codes[m.customer])]!.add(m, unbounded: config.unboundedRetention, last: last)
                }
            }
            return (all: all, grids: grids)
        }
        var all = built[0].all
        var grids = built[0].grids
        for p in built.indices.dropFirst() {
            if let other = built[p].all { all?.copyRows(of: cuts[p], from: other) }
            for a in grids.indices {
                for code in grids[a].indices {
                    if let other = built[p].grids[a][code] { grids[a][code]!.copyRows(of: cuts[p], from: other) }
                }
            }
        }
        let empty = CohortGrid(first: last, last: last, empty: true)
        return (whole ? CohortTable(grid: all ?? empty, configuration: config, model: ledger.model) : nil,
                attributes.indices.map { a in
                    (attributes[a], segments[a].values.indices.map { code in
                        (segments[a].values[code], CohortTable(grid: grids[a][code] ?? empty, configuration: config, model: ledger.model))
                    })
                })
    }

    /// The cohorts `first … last` (period indices) cut into `parts` contiguous ranges of about the
    /// same work, together covering `first ..< last + 1`: a member of a cohort of age a
    /// (`membersByAge[a]` of them) adds up to a + 1 periods to each table, plus a fixed cost
    /// (`memberCost`: reading the member and adding it to each table).
    /// A member's fixed cost in periods: at 10 M orders (about 7 period rows per member), the
    /// thread of the younger half of the cohorts by periods took 1.7 times the other's samples,
    /// which puts the cost of a member at about 46 period rows.
    static let memberCost = 64

    static func cohortRanges(first: Int, last: Int, membersByAge: [Int], parts: Int) -> [Range<Int>] {
        let cohorts = last - first + 1
        guard parts > 1, cohorts > 1 else { return [first..<(last + 1)] }
        // Work of the cohorts first ..< first + k.
        var workBefore = [0]
        workBefore.reserveCapacity(cohorts + 1)
        for cohort in first...last {
            let age = last - cohort
            let members = age < membersByAge.count ? membersByAge[age] : 0
            workBefore.append(workBefore[workBefore.count - 1] + members * (age + 1 + memberCost))
        }
        var cuts = [first]
        let total = workBefore[cohorts]
        for p in 1..<parts {
            let k = workBefore.firstIndex { $0 >= total * p / parts } ?? cohorts
            cuts.append(max(first + k, cuts[cuts.count - 1]))
        }
        cuts.append(last + 1)
        return (0..<parts).map { cuts[$0]..<cuts[$0 + 1] }
    }

    /// A customer's value of a segment attribute (`Customer.attribute`): missing or empty is
    /// `missingSegmentLabel`.
    static func segmentValue(_ attributeValue: String?) -> String {
        let v = attributeValue ?? ""
        return v.isEmpty ? missingSegmentLabel : v
    }

    static func segmentValues(_ ledger: ActivityLedger, attribute: String) -> [String] {
        ledger.segmentCodes(attribute).values
    }

    /// The table from aggregated counts: cells, incomplete marks and weighted summaries.
    init(grid: CohortGrid, configuration config: MetricsConfiguration, model: RevenueModel) {
        let calendar = config.calendar
        let asOfPeriod = calendar.period(containing: config.asOf)
        let last = asOfPeriod.index
        let incomplete = config.asOf.adding(days: 1) < asOfPeriod.end ? last : nil
        self.incompletePeriodIndex = incomplete
        self.unbounded = config.unboundedRetention
        self.model = model
        guard !grid.isEmpty else {
            rows = []
            summary = []
            revenueSummary = []
            return
        }
        let first = grid.first
        let width = grid.sizes.count
        let sizes = grid.sizes
        var rows: [CohortRow] = []
        var sumRetained = Array(repeating: 0, count: width), sumSize = Array(repeating: 0, count: width)
        var sumRevenue = Array(repeating: 0.0, count: width), sumRevenue0 = Array(repeating: 0.0, count: width)
        for r in 0..<width {
            let cohortIndex = first + r
            let size = sizes[r]
            var cells: [CohortCell?] = Array(repeating: nil, count: width)
            if size > 0 {
                let reached = last - cohortIndex
                let base = grid.revenue(r, 0)
                for k in 0...reached {
                    let rev = grid.revenue(r, k), retained = grid.retained(r, k)
                    cells[k] = CohortCell(k: k, customers: retained,
                                          retention: Double(retained) / Double(size), revenue: rev,
                                          revenueRetention: base > 0 ? rev / base : nil,
                                          isIncomplete: cohortIndex + k == incomplete)
                    sumRetained[k] += retained
                    sumSize[k] += size
                    if base > 0 {
                        sumRevenue[k] += rev
                        sumRevenue0[k] += base
                    }
                }
            }
            rows.append(CohortRow(cohort: calendar.period(index: cohortIndex), size: size, cells: cells))
        }
        self.rows = rows
        self.summary = (0..<width).map { sumSize[$0] > 0 ? Double(sumRetained[$0]) / Double(sumSize[$0]) : nil }
        self.revenueSummary = (0..<width).map { sumRevenue0[$0] > 0 ? sumRevenue[$0] / sumRevenue0[$0] : nil }
    }
}
