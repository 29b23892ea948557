import Model

/// Every customer's health at several dates (the ends of the trend periods and as-of), in one
/// walk per customer (`HealthWalk`) instead of one pass over all customers per date.
///
/// Customers are cut into contiguous ranges of about equal work, one per core
/// (`BalancedPartition`); each range walks its customers in index order and the ranges are
/// combined in range order, so the scores come out in customer order and the counts are the
/// same for any number of ranges and wherever the cuts fall.
/// At the explained date (the report date) each active customer is scored with reasons from the
/// walk's readings (the same as `HealthReport.score(of:)`'s); each range keeps its customers'
/// reasons as bytes (`HealthScoreBuilder`).
struct HealthTimeline {
    /// Colour counts of the customers active at each date, in the order of `dates`.
    let distributions: [HealthDistribution]
    /// The explained date's scores and unscored customers, in customer order (empty without one).
    let scores: [HealthScore]
    let unscored: [CustomerIndex]

    /// `isActive(customer, day)` says who is scored at each date; `revenueAtRisk` is read only
    /// at `explained`, an index into `dates`.
    init(_ evidence: HealthEvidence, dates: [Day], explained: Int?, calendar: PeriodCalendar,
         health: HealthConfiguration, isActive: (CustomerIndex, Day) -> Bool,
         revenueAtRisk: (CustomerIndex) -> Double, parts: Int = FixedPartition.parts) {
        // Dates in rising order for the walk (a stable sort: equal dates keep their order).
        let order = dates.indices.sorted { dates[$0] < dates[$1] || (dates[$0] == dates[$1] && $0 < $1) }
        // Four ranges a core (`FixedPartition.rangesPerCoreForUnevenWork`), cut where the customers'
        // orders and count are split evenly (`ActivityLedger.workBefore`), taken by the cores as each
        // is free: the early customers' long histories made two halves by count uneven (about 2 : 1
        // in work), and orders alone do not say how many dates a customer is active at.
        let cuts = BalancedPartition.ranges(evidence.records.count,
                                            parts: FixedPartition.rangesPerCoreForUnevenWork * parts) {
            ActivityLedger.workBefore($0, orders: evidence.orders)
        }
        let ranges = BalancedPartition.map(cuts) { customers in
            var walk = HealthWalk(evidence: evidence, health: health, calendar: calendar)
            var part = Part(dates: dates.count)
            if let explained {
                // The customers scored with reasons, counted first: their scores take exactly this room.
                let day = dates[explained]
                part.scores.reserve(customers: customers.reduce(0) { isActive($1, day) ? $0 + 1 : $0 })
            }
            for customer in customers {
                walk.begin(customer)
                for k in order where isActive(customer, dates[k]) {
                    if k == explained {
                        if let status = walk.addScore(at: dates[k], revenueAtRisk: revenueAtRisk(customer), to: &part.scores) {
                            part.distributions[k].add(status)
                        } else {
                            part.distributions[k].unscored += 1
                            part.unscored.append(customer)
                        }
                    } else if let score = walk.score(at: dates[k]) {
                        part.distributions[k].add(health.bands.status(of: score))
                    } else {
                        part.distributions[k].unscored += 1
                    }
                }
            }
            return (distributions: part.distributions, scores: part.scores, unscored: part.unscored)
        }
        var distributions = [HealthDistribution](repeating: HealthDistribution(), count: dates.count)
        for part in ranges {
            for k in dates.indices { distributions[k].add(part.distributions[k]) }
        }
        self.distributions = distributions
        // Exactly as large as needed (the scores are kept for the report's life), made straight
        // from the ranges' builders.
        scores = HealthScoreBuilder.finish(ranges.map(\.scores), rules: health.rules)
        unscored = ranges.flatMap(\.unscored)
    }

    /// One range's results.
    private struct Part {
        var distributions: [HealthDistribution]
        var scores = HealthScoreBuilder()
        var unscored: [CustomerIndex] = []

        init(dates: Int) {
            distributions = [HealthDistribution](repeating: HealthDistribution(), count: dates)
        }
    }
}

extension HealthDistribution {
    mutating func add(_ status: HealthStatus) {
        switch status {
        case .green: green += 1
        case .amber: amber += 1
        case .red: red += 1
        }
    }

    mutating func add(_ other: HealthDistribution) {
        green += other.green
        amber += other.amber
        red += other.red
        unscored += other.unscored
    }
}
