import Foundation
import Ingest
import Model

/// The report date ("as of"), and the limits that keep a report's size tied to its data.
///
/// - Without `--as-of` it is the latest event date in the data (signup, order, survey answer,
///   ticket creation). Event dates after today were already skipped as `future_date` at
///   ingest, so a mistyped 3026 or 9999 cannot move it. Today is read from the clock once, by
///   the command line, and only when `--as-of` is not given: runs with `--as-of` never look at
///   the clock and stay byte-identical.
/// - An `--as-of` before the first event date is refused: nothing would be reported.
/// - An `--as-of` more than `maxDaysAfterData` (3 653 days, ten years) after the last event
///   date is refused: every period up to the report date costs memory.
/// - From the period of the first event date to the report date's period there may be at most
///   `maxPeriods` (2 000) periods — 166 years of months, 38 years of weeks, 5.4 years of days —
///   because cohort tables grow with the square of that count (measured on the sample data,
///   debug build: 4 000 day periods took 908 MB and 30 s; 900 took 82 MB).
enum ReportDate {
    static let maxDaysAfterData = 3_653
    static let maxPeriods = 2_000

    /// Today in the report's time zone, from `now` (the clock, read by the caller once).
    static func today(_ now: Instant, in zone: ReportTimeZone) -> Day {
        now.day(utcOffset: zone.offset(at: now))
    }

    /// The report date for `dataset`: `given` (checked against the data) or the latest event date.
    static func choose(given: Day?, dataset: Dataset, calendar: PeriodCalendar) throws -> Day {
        guard let events = dataset.eventDays else {
            let future = dataset.inputs.reduce(0) { n, input in
                n + (input.skipped.first { $0.reason == "future_date" }?.count ?? 0)
            }
            throw CommandFailure(message: "retention: error: the inputs hold no dated records; nothing to report"
                + (future > 0 ? " (\(future) row\(future == 1 ? " is" : "s are") dated after today)" : ""),
                status: .inputError)
        }
        let asOf = given ?? events.upperBound
        if let given {
            if given < events.lowerBound {
                throw CommandFailure(message: "retention: error: --as-of \(given) is before the first record in the data "
                    + "(\(events.lowerBound)); give a date from \(events.lowerBound) on", status: .usage)
            }
            let after = events.upperBound.days(to: given)
            if after > maxDaysAfterData {
                throw CommandFailure(message: "retention: error: --as-of \(given) is \(after) days after the last record in "
                    + "the data (\(events.upperBound)); the report date may be at most \(maxDaysAfterData) days "
                    + "(ten years) after it", status: .usage)
            }
        }
        let periods = calendar.period(containing: asOf).index - calendar.period(containing: events.lowerBound).index + 1
        if periods > maxPeriods {
            throw CommandFailure(message: "retention: error: the report would span \(periods) \(calendar.granularity)s, "
                + "from the first record (\(events.lowerBound)) to \(asOf); at most \(maxPeriods) fit in a report: "
                + "choose a longer --period or check the earliest dates in the data", status: .inputError)
        }
        return asOf
    }
}

/// The wall clock, read only by the command line (report code never reads it).
public enum WallClock {
    @Sendable public static func now() -> Instant {
        Instant(secondsSince1970: Int64(exactly: Date().timeIntervalSince1970.rounded(.down)) ?? 0)
    }
}
