import Metrics
import Model
import Mustache

/// The metrics JSON (`retention report --metrics-json FILE`): every number the report shows, in
/// long form, for machines. Nothing is rounded: fractions are plain numbers (0.024, not "2.4%")
/// and every double is written in the shortest form that reads back to the same double; money
/// is in the report currency, a whole number of the currency's minor unit written exactly
/// (`1234.5` = 1,234.50; `MinorUnit`); missing values are `null`. Per-period lists cover every
/// period in the data (the HTML shows the last ones). Keys are documented in
/// docs/metrics-json.md; the order of keys is sorted, so the same inputs give the same bytes.
public enum MetricsDocument {
    public static let formatVersion = 1

    /// The whole document as text (with its final newline).
    public static func json(analysis: RetentionAnalysis, dataset: Dataset, report: RetentionReport,
                            title: String, generator: String) -> String {
        var out = JSONTextWriter(pretty: true)
        write(into: &out, analysis: analysis, dataset: dataset, report: report, title: title, generator: generator)
        out.append(raw: "\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The document as a value (what "Since last report" compares with the previous one).
    public static func value(analysis: RetentionAnalysis, dataset: Dataset, report: RetentionReport,
                             title: String, generator: String) -> MustacheValue {
        var out = JSONTreeBuilder()
        write(into: &out, analysis: analysis, dataset: dataset, report: report, title: title, generator: generator)
        return out.result!
    }

    /// The document's text (pretty, with its final newline) handed to `sink` in pieces of about
    /// `pieceSize` bytes as it is written, so the whole text is never in memory. The first
    /// failure of `sink` stops the writing and is thrown.
    public static func write<Failure: Error>(analysis: RetentionAnalysis, dataset: Dataset, report: RetentionReport,
                                             title: String, generator: String, pieceSize: Int = 1 << 20,
                                             to sink: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        try JSONTextWriter.streaming(pieceSize: pieceSize, to: sink) { out in
            write(into: &out, analysis: analysis, dataset: dataset, report: report, title: title, generator: generator)
            out.append(raw: "\n")
        }
    }

    /// Writes the document's one object into `out`, members in key order.
    public static func write(into out: inout some JSONOutput, analysis: RetentionAnalysis, dataset: Dataset,
                             report: RetentionReport, title: String, generator: String) {
        let configuration = analysis.configuration
        let money = Money(digits: MinorUnit.digits(of: dataset.currency))
        out.beginObject()
        out.key("as_of"); out.string(configuration.asOf.description)
        writeChurn(into: &out, analysis: analysis, money: money)
        out.key("cohort_segments")
        writeSegmentCohorts(into: &out, analysis.cohortSegments)
        out.key("cohorts")
        writeCohorts(into: &out, analysis.cohorts, money: money)
        out.key("currency"); out.string(dataset.currency)
        out.key("format_version"); out.int(formatVersion)
        out.key("generator"); out.string(generator)
        out.key("granularity"); out.string(configuration.calendar.granularity.rawValue)
        out.key("headline")
        out.value(.object(Dictionary(report.headlineKPIs.map { ($0.label, MustacheValue.string($0.value)) },
                                     uniquingKeysWith: { a, _ in a })))
        out.key("headlines")
        out.list { out in for headline in report.headlines { out.string(headline.text) } }
        out.key("health")
        writeHealth(into: &out, analysis.health, customers: dataset.customers, shown: report.atRiskRows, money: money)
        out.key("inputs")
        writeInputs(into: &out, dataset)
        if let bridge = analysis.mrr {
            out.key("mrr")
            writeMRR(into: &out, bridge, money: money)
        }
        out.key("prediction")
        PredictionDocument.write(into: &out, analysis.prediction, customers: dataset.customers, atRiskRows: 25)
        if let trend = analysis.satisfaction {
            out.key("satisfaction")
            writeSatisfaction(into: &out, trend)
        }
        out.key("signed_up_never_paid"); out.int(analysis.ledger.neverPaid)
        if let sla = analysis.supportHistory {
            out.key("support")
            writeSupport(into: &out, sla)
        }
        out.key("survival")
        writeSurvival(into: &out, analysis.survival)
        out.key("title"); out.string(title)
        out.endObject()
    }

    static func writeInputs(into out: inout some JSONOutput, _ dataset: Dataset) {
        out.list { out in
            for input in dataset.inputs {
                out.object { out in
                    out.key("customer_join"); writeCustomerJoin(into: &out, input.join)
                    out.key("entity"); out.string(input.entity)
                    out.key("path"); out.string(input.path)
                    out.key("rows_excluded"); out.int(input.rowsExcluded)
                    out.key("rows_read"); out.int(input.rowsRead)
                    out.key("rows_skipped"); out.int(input.rowsSkipped)
                    out.key("rows_unreadable"); out.int(input.rowsUnreadable)
                    out.key("rows_used"); out.int(input.rowsUsed)
                    out.key("sha256"); out.string(input.sha256)
                    out.key("skipped")
                    out.value(.object(Dictionary(input.skipped.map { ($0.reason, MustacheValue.int($0.count)) },
                                                 uniquingKeysWith: { a, _ in a })))
                    out.key("source"); out.string(input.source)
                    out.key("used"); out.bool(true)
                    out.key("warnings")
                    out.list { out in for warning in input.warnings { out.string(warning) } }
                }
            }
            for file in dataset.notUsed {
                out.object { out in
                    out.key("path"); out.string(file.path)
                    out.key("reason"); out.string(file.reason)
                    out.key("used"); out.bool(false)
                }
            }
        }
    }

    static func writeCohorts(into out: inout some JSONOutput, _ table: CohortTable, money: Money) {
        out.list { out in
            for row in table.rows {
                for case let cell? in row.cells {
                    out.object { out in
                        out.key("cohort"); out.string(row.cohort.label)
                        out.key("customers"); out.int(cell.customers)
                        out.key("incomplete"); out.bool(cell.isIncomplete)
                        out.key("k"); out.int(cell.k)
                        out.key("retention"); out.measure(cell.retention)
                        out.key("revenue"); out.measure(money.amount(cell.revenue))
                        out.key("revenue_retention"); out.measure(cell.revenueRetention)
                        out.key("size"); out.int(row.size)
                    }
                }
            }
        }
    }

    /// The same cohort cells per segment value of every configured attribute (long form).
    static func writeSegmentCohorts(into out: inout some JSONOutput,
                                    _ segments: [(attribute: String, tables: [(value: String, table: CohortTable)])]) {
        out.list { out in
            for (attribute, tables) in segments {
                for (value, table) in tables {
                    for row in table.rows where row.size > 0 {
                        for case let cell? in row.cells {
                            out.object { out in
                                out.key("attribute"); out.string(attribute)
                                out.key("cohort"); out.string(row.cohort.label)
                                out.key("customers"); out.int(cell.customers)
                                out.key("k"); out.int(cell.k)
                                out.key("retention"); out.measure(cell.retention)
                                out.key("revenue_retention"); out.measure(cell.revenueRetention)
                                out.key("size"); out.int(row.size)
                                out.key("value"); out.string(value)
                            }
                        }
                    }
                }
            }
        }
    }

    /// `churn`, `churn_reasons` and `churn_reasons_by_period` (consecutive in key order).
    static func writeChurn(into out: inout some JSONOutput, analysis: RetentionAnalysis, money: Money) {
        out.key("churn")
        out.list { out in
            for p in analysis.churn.periods {
                out.object { out in
                    out.key("active_end"); out.int(p.customersAtEnd)
                    out.key("active_start"); out.int(p.customersAtStart)
                    out.key("churned"); out.int(p.churned)
                    out.key("incomplete"); out.bool(p.isIncomplete)
                    out.key("involuntary"); out.int(p.involuntary)
                    out.key("joined"); out.int(p.joined)
                    out.key("mrr_lost"); out.measure(money.amount(p.mrrLost))
                    out.key("period"); out.string(p.period.label)
                    out.key("rate"); out.measure(p.churnRate)
                    out.key("reactivated"); out.int(p.reactivated)
                    out.key("retention_rate"); out.measure(p.retentionRate)
                    out.key("voluntary"); out.int(p.voluntary)
                }
            }
        }
        func reasonRows(_ rows: [ChurnReasonBreakdown.Row], into out: inout some JSONOutput) {
            out.list { out in
                for r in rows {
                    out.object { out in
                        out.key("count"); out.int(r.count)
                        out.key("mrr_lost"); out.measure(money.amount(r.mrrLost))
                        out.key("reason"); out.string(r.reason)
                        out.key("share"); out.measure(r.share)
                    }
                }
            }
        }
        out.key("churn_reasons")
        reasonRows(analysis.churnReasons.rows, into: &out)
        let incompleteChurn = Set(analysis.churn.periods.filter(\.isIncomplete).map(\.period.index))
        out.key("churn_reasons_by_period")
        out.list { out in
            for p in analysis.churnReasonHistory.perPeriod {
                out.object { out in
                    out.key("incomplete"); out.bool(incompleteChurn.contains(p.period.index))
                    out.key("period"); out.string(p.period.label)
                    out.key("reasons"); reasonRows(p.rows, into: &out)
                }
            }
        }
    }

    static func writeMRR(into out: inout some JSONOutput, _ bridge: MRRBridge, money: Money) {
        out.list { out in
            for p in bridge.periods {
                out.object { out in
                    out.key("churn"); out.measure(money.amount(p.churn))
                    out.key("contraction"); out.measure(money.amount(p.contraction))
                    out.key("end"); out.measure(money.amount(p.end))
                    out.key("expansion"); out.measure(money.amount(p.expansion))
                    out.key("gross_mrr_churn"); out.measure(p.grossMRRChurnRate)
                    out.key("grr"); out.measure(p.grossRevenueRetention)
                    out.key("grr_t12m"); out.measure(p.trailingGrossRetention)
                    out.key("incomplete"); out.bool(p.isIncomplete)
                    out.key("net_mrr_churn"); out.measure(p.netMRRChurnRate)
                    out.key("new"); out.measure(money.amount(p.new))
                    out.key("nrr"); out.measure(p.netRevenueRetention)
                    out.key("nrr_t12m"); out.measure(p.trailingNetRetention)
                    out.key("period"); out.string(p.period.label)
                    out.key("reactivation"); out.measure(money.amount(p.reactivation))
                    out.key("reconciles"); out.bool(p.reconciles)
                    out.key("start"); out.measure(money.amount(p.start))
                }
            }
        }
    }

    static func writeSurvival(into out: inout some JSONOutput, _ curve: KaplanMeierCurve) {
        out.object { out in
            out.key("at_risk"); out.list { out in for s in curve.steps { out.int(s.atRisk) } }
            out.key("censored"); out.list { out in for s in curve.steps { out.int(s.censored) } }
            out.key("events"); out.list { out in for s in curve.steps { out.int(s.events) } }
            out.key("lower"); out.list { out in for s in curve.steps { out.measure(s.lower) } }
            out.key("median"); out.int(curve.median)
            out.key("median_lower"); out.int(curve.medianLower)
            out.key("median_upper"); out.int(curve.medianUpper)
            out.key("subjects"); out.int(curve.subjects)
            out.key("survival"); out.list { out in for s in curve.steps { out.measure(s.survival) } }
            out.key("times"); out.list { out in for s in curve.steps { out.int(s.time) } }
            out.key("upper"); out.list { out in for s in curve.steps { out.measure(s.upper) } }
        }
    }

    static func writeSatisfaction(into out: inout some JSONOutput, _ trend: SatisfactionTrend) {
        out.list { out in
            for p in trend.periods {
                let s = p.scores
                out.object { out in
                    out.key("ces"); out.measure(s.ces)
                    out.key("ces_high"); out.measure(s.cesHigh)
                    out.key("ces_low"); out.measure(s.cesLow)
                    out.key("ces_n"); out.int(s.cesN)
                    out.key("ces_share_easy"); out.measure(s.cesShareEasy)
                    out.key("complete"); out.bool(p.isComplete)
                    out.key("csat"); out.measure(s.csat)
                    out.key("csat_high"); out.measure(s.csatHigh)
                    out.key("csat_low"); out.measure(s.csatLow)
                    out.key("csat_n"); out.int(s.csatN)
                    out.key("detractors"); out.int(s.detractors)
                    out.key("nps"); out.measure(s.nps)
                    out.key("nps_moe"); out.measure(s.npsMoe)
                    out.key("nps_n"); out.int(s.npsN)
                    out.key("passives"); out.int(s.passives)
                    out.key("period"); out.string(p.period.label)
                    out.key("promoters"); out.int(s.promoters)
                }
            }
        }
    }

    static func writeSupport(into out: inout some JSONOutput, _ sla: SupportSLA) {
        out.list { out in
            for p in sla.periods {
                let s = p.created
                out.object { out in
                    out.key("first_response_breach_rate"); out.measure(s.firstResponseSLA.breachRate)
                    out.key("first_response_median_hours"); out.measure(s.firstResponse.medianHours)
                    out.key("first_response_p90_hours"); out.measure(s.firstResponse.p90Hours)
                    out.key("period"); out.string(p.period.label)
                    out.key("resolution_breach_rate"); out.measure(s.resolutionSLA.breachRate)
                    out.key("resolution_median_hours"); out.measure(s.resolution.medianHours)
                    out.key("resolution_p90_hours"); out.measure(s.resolution.p90Hours)
                    out.key("resolved"); out.int(p.resolved)
                    out.key("tickets"); out.int(s.tickets)
                }
            }
        }
    }

    /// Health in aggregate: colour counts, revenue at risk, the at-risk rows the report shows
    /// (with their reasons) and every scored customer's colour as id lists (what "Since last
    /// report" compares). Scores and reasons of every customer go to `--customers-csv`.
    static func writeHealth(into out: inout some JSONOutput, _ health: HealthReport, customers: [Customer],
                            shown: Int, money: Money) {
        let distribution = health.distribution
        out.object { out in
            out.key("amber"); out.int(distribution.amber)
            out.key("at_risk")
            out.list { out in
                for score in health.atRisk(first: shown) {
                    out.object { out in
                        out.key("customer"); out.string(customers[score.customer].id)
                        out.key("reasons")
                        out.list { out in
                            for c in score.contributions {
                                out.object { out in
                                    out.key("max_points"); out.measure(c.maxPoints)
                                    out.key("points"); out.measure(c.points)
                                    out.key("reason"); out.string(c.reason)
                                    out.key("rule"); out.string(c.rule)
                                }
                            }
                        }
                        out.key("revenue_at_risk"); out.measure(money.amount(score.revenueAtRisk))
                        out.key("score"); out.measure(score.score)
                        out.key("status"); out.string(score.status.rawValue)
                    }
                }
            }
            out.key("at_risk_count"); out.int(health.atRiskCount)
            out.key("green"); out.int(distribution.green)
            out.key("red"); out.int(distribution.red)
            out.key("revenue_at_risk"); out.measure(money.amount(health.revenueAtRisk))
            out.key("statuses")
            out.object { out in
                // Each score's colour worked out once (a byte each), not once per list.
                let scores = health.scores
                let statuses = scores.indices.map { scores[$0].status }
                // Keys in byte order: amber, green, red; each list in score order.
                for status in HealthStatus.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
                    out.key(status.rawValue)
                    out.list { out in
                        // By index: a copy of each score would retain its reasons.
                        for i in scores.indices where statuses[i] == status { out.string(customers[scores[i].customer].id) }
                    }
                }
            }
            out.key("unscored"); out.int(distribution.unscored)
        }
    }

    /// A fraction (0…1) or any other measure: the double itself, null when missing or not finite.
    static func fraction(_ value: Double?) -> MustacheValue { number(value) }

    /// How a file's rows were matched to customers (null for customers files).
    static func writeCustomerJoin(into out: inout some JSONOutput, _ join: CustomerJoin?) {
        guard let join else { return out.null() }
        out.object { out in
            out.key("by")
            out.value(.object(Dictionary(uniqueKeysWithValues: join.matched.map { ($0.key.rawValue, MustacheValue.int($0.value)) })))
            out.key("column"); out.string(join.column)
            out.key("customers_file"); out.string(join.customersPath)
            out.key("rate"); out.measure(join.rate)
            out.key("rows_matched"); out.int(join.matchedRows)
            out.key("rows_with_key"); out.int(join.rowsWithKey)
        }
    }

    /// Full precision: the writer prints the shortest text that reads back to the same double.
    static func number(_ value: Double?) -> MustacheValue {
        guard let value = measure(value) else { return .null }
        return .double(value)
    }

    /// A measure as written: nil when missing or not finite, -0 as 0.
    static func measure(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value == 0 ? 0 : value
    }

    /// Money in the report currency. Amounts and MRR enter the metrics as whole minor units, so
    /// a money total is a whole number of minor units up to the floating-point noise of adding
    /// doubles; that noise is removed (the nearest multiple of the minor unit, whose shortest
    /// text is the exact decimal: `1234.5`, `0.3`). A value that is not such a total (a revenue
    /// divided by a count) is written at full precision instead.
    struct Money {
        let digits: Int

        func callAsFunction(_ value: Double?) -> MustacheValue { number(amount(value)) }

        /// The amount as written (see above); nil when missing or not finite.
        func amount(_ value: Double?) -> Double? {
            guard let value, value.isFinite else { return nil }
            let scale = MinorUnit.scale(digits)
            let units = value * scale, whole = units.rounded(.toNearestOrAwayFromZero)
            guard abs(units - whole) <= max(1e-6, abs(whole) * 1e-12) else { return value }
            return whole / scale
        }
    }
}

extension JSONOutput {
    /// A measure (``MetricsDocument/measure(_:)``): the double, or `null`.
    mutating func measure(_ value: Double?) {
        number(MetricsDocument.measure(value))
    }
}
