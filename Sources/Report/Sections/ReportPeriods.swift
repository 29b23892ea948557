import Metrics
import Model

/// The periods a report talks about: the one containing the as-of day (incomplete), the latest
/// complete one (what KPI tiles and headlines describe) and the one before it.
struct ReportPeriods {
    let calendar: PeriodCalendar
    let current: Period
    let latestComplete: Period
    let previous: Period
    /// The last `count` complete periods, oldest first.
    let trend: [Period]

    init(configuration: MetricsConfiguration, trendPeriods: Int) {
        calendar = configuration.calendar
        current = calendar.period(containing: configuration.asOf)
        // A period ending exactly the day after as-of is complete on as-of.
        let asOfIsLastDay = current.end == configuration.asOf.adding(days: 1)
        latestComplete = asOfIsLastDay ? current : calendar.period(index: current.index - 1)
        previous = calendar.period(index: latestComplete.index - 1)
        let calendar = self.calendar, last = latestComplete.index
        trend = (0..<max(1, trendPeriods)).reversed().map { calendar.period(index: last - $0) }
    }
}
