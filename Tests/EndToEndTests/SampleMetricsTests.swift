import Foundation
import Testing
import Ingest
import Metrics
import Model

/// The metrics stage on `retention sample` data: the properties every report relies on.
@Suite struct SampleMetricsTests {
    static func analysis() throws -> (RetentionAnalysis, Dataset) {
        let directory = try Harness.sample("metrics", customers: 600, invoices: true)
        let dataset = try DatasetLoader.load(InputFiles.discover(inDirectory: directory), options: IngestOptions())
        let configuration = MetricsConfiguration(asOf: Day(iso: "2026-11-20")!, cohortBasis: .signup)
        return (RetentionAnalysis(dataset: dataset, configuration: configuration), dataset)
    }

    @Test func sampleMetricsHoldTogether() throws {
        let (analysis, dataset) = try Self.analysis()
        // Accounting: every row read is used or skipped; the sample's deliberate bad rows are
        // one unparseable invoice date and one duplicate invoice id.
        for input in dataset.inputs { #expect(input.rowsRead == input.rowsUsed + input.rowsSkipped) }
        let invoices = try #require(dataset.inputs.first { $0.entity == "orders" })
        #expect(invoices.skipped.map { "\($0.reason)=\($0.count)" }.sorted() == ["bad_date=1", "duplicate_id=1"])
        // Cohorts by signup hold every customer signed up by as-of exactly once, except those who
        // never paid (trial only), which the activity ledger counts and leaves out by rule.
        #expect(analysis.ledger.neverPaid > 0)
        #expect(analysis.cohorts.customersCounted + analysis.ledger.neverPaid
                == dataset.customers.filter { $0.signup <= analysis.configuration.asOf }.count)
        #expect(analysis.cohorts.rows.reduce(0) { $0 + $1.size } == analysis.cohorts.customersCounted)
        // The MRR bridge reconciles in every period, and each period starts where the last ended.
        let bridge = try #require(analysis.mrr)
        #expect(bridge.reconciles)
        for (a, b) in zip(bridge.periods, bridge.periods.dropFirst()) { #expect(abs(a.end - b.start) < 0.005) }
        // Churn: customers at the end of one period are those at the start of the next.
        for (a, b) in zip(analysis.churn.periods, analysis.churn.periods.dropFirst()) {
            #expect(a.customersAtEnd == b.customersAtStart)
        }
        // Survival never increases and stays within its band.
        let steps = analysis.survival.steps
        for (a, b) in zip(steps, steps.dropFirst()) { #expect(b.survival <= a.survival) }
        #expect(steps.allSatisfy { $0.lower <= $0.survival && $0.survival <= $0.upper })
        // Health: only active customers are scored, each exactly once.
        let scored = analysis.health.scores.map(\.customer)
        #expect(Set(scored).count == scored.count)
        #expect(Set(scored).isSubset(of: analysis.activeCustomers))
    }
}

/// Per-segment cohort tables built from one shared pass give the same tables as one pass per value.
@Suite struct SegmentCohortTests {
    @Test func sharedMembershipGivesTheSameTablesAsOnePassPerValue() throws {
        let (analysis, _) = try SampleMetricsTests.analysis()
        let ledger = analysis.ledger
        let attributes = ["plan", "segment", "region", "channel"]
        let shared = CohortTable.bySegments(ledger, attributes: attributes)
        #expect(shared.map(\.attribute) == attributes)
        for (attribute, tables) in shared {
            #expect(tables.count > 1, "\(attribute) has one value only")
            for (value, table) in tables {
                let alone = CohortTable(ledger: ledger, including: {
                    let v = ledger.customers[$0].attribute(attribute) ?? ""
                    return (v.isEmpty ? CohortTable.missingSegmentLabel : v) == value
                })
                #expect(table == alone, "\(attribute)=\(value)")
            }
            // Every customer placed in a cohort is in exactly one value's table.
            #expect(tables.reduce(0) { $0 + $1.table.customersCounted } == analysis.cohorts.customersCounted)
        }
    }
}
