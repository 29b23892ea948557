import Model

/// How many customers sign up in each month of the window, and on which days.
///
/// Month weight = 1.035^m (3.5 % monthly growth, m = 0 for the first month) × a seasonal
/// factor (strong January and autumn, quiet August and December) × the share of the month
/// inside the window (the last month ends at `endDay`). The customer total is split over the
/// months by largest remainder, so the counts add up exactly. Within a month, weekdays get
/// about three times the signups of weekend days.
struct SignupSchedule {
    struct Month {
        /// First day of the month that is inside the window.
        var first: Day
        /// Days of the month inside the window.
        var days: Int
        var signups: Int
    }

    static let monthlyGrowth = 1.035
    /// Seasonal factor by calendar month, January first.
    static let seasonality: [Double] = [1.12, 1.05, 1.08, 1.0, 0.98, 0.92, 0.86, 0.80, 1.06, 1.10, 1.0, 0.78]

    let months: [Month]

    init(customers: Int, endDay: Day, months monthCount: Int) {
        let end = endDay.components
        var year = end.year
        var month = end.month - (monthCount - 1)
        while month < 1 {
            month += 12
            year -= 1
        }
        var spans: [Month] = []
        var weights: [Double] = []
        var growth = 1.0
        for _ in 0..<monthCount {
            let length = Day.daysInMonth(year: year, month: month)
            let first = Day(year: year, month: month, day: 1) ?? endDay
            let inside = min(length, first.days(to: endDay) + 1)
            spans.append(Month(first: first, days: inside, signups: 0))
            weights.append(growth * SignupSchedule.seasonality[month - 1] * Double(inside) / Double(length))
            growth *= SignupSchedule.monthlyGrowth
            month += 1
            if month > 12 {
                month = 1
                year += 1
            }
        }
        let counts = SignupSchedule.apportion(customers, weights: weights)
        for i in spans.indices { spans[i].signups = counts[i] }
        self.months = spans
    }

    /// First day of the window.
    var start: Day { months.first?.first ?? Day(ordinal: 0) }

    /// Splits `total` into integers proportional to `weights` (largest remainder; ties go to
    /// the earlier month), summing exactly to `total`.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard total > 0, sum > 0 else { return weights.map { _ in 0 } }
        var counts: [Int] = []
        var remainders: [(index: Int, fraction: Double)] = []
        for (i, w) in weights.enumerated() {
            let exact = Double(total) * w / sum
            let whole = Int(exact)
            counts.append(whole)
            remainders.append((i, exact - Double(whole)))
        }
        var left = total - counts.reduce(0, +)
        remainders.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.index < $1.index }
        var k = 0
        while left > 0 {
            counts[remainders[k % remainders.count].index] += 1
            left -= 1
            k += 1
        }
        return counts
    }

    /// Signups per day of `month` (index 0 = `month.first`), drawn with weekday weights.
    static func dailyCounts(of month: Month, using rng: inout SeededGenerator) -> [Int] {
        var weights: [Double] = []
        for offset in 0..<month.days {
            let weekday = month.first.adding(days: offset).weekday
            weights.append(weekday == .saturday || weekday == .sunday ? 0.35 : 1.0)
        }
        var counts = [Int](repeating: 0, count: month.days)
        for _ in 0..<month.signups {
            counts[rng.pick(weights: weights)] += 1
        }
        return counts
    }
}
