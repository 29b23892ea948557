import Testing
import Model
@testable import Metrics

/// The cohort tables' second walk split by cohort over several threads: the cuts, and the tables
/// against the ones built in one walk and against `CohortTable(ledger:)` (its own single walk).
@Suite struct CohortSplitTests {
    @Test func cohortRangesCutByMembersAndAge() {
        // Cohorts 10 … 13 (13 is as-of's): ages 3, 2, 1, 0 with 10, 2, 0 and 1 members. Work per
        // member: age + 1 + 64, so 680, 134, 0 and 65: 879 in all, 0 / 680 / 814 / 814 / 879 before each.
        #expect(CohortTable.memberCost == 64)
        let byAge = [1, 0, 2, 10]
        // Half (439) is reached after cohort 10 alone.
        #expect(CohortTable.cohortRanges(first: 10, last: 13, membersByAge: byAge, parts: 2) == [10..<11, 11..<14])
        // Thirds (293, 586) are both reached after cohort 10: the middle range is empty.
        #expect(CohortTable.cohortRanges(first: 10, last: 13, membersByAge: byAge, parts: 3)
                == [10..<11, 11..<11, 11..<14])
        // Even members: the later (younger) cohorts weigh less. Work 68, 67, 66 and 65 per cohort
        // (ages 3 … 0, one member each): half of 266 is 133, reached after two cohorts (135).
        #expect(CohortTable.cohortRanges(first: 10, last: 13, membersByAge: [1, 1, 1, 1], parts: 2)
                == [10..<12, 12..<14])
        // Old cohorts of many periods weigh little against many members: cohort 0 (age 40, 10
        // members: 10 × 105 = 1 050) and cohorts 1 … 40 (ages 39 … 0, 1 member each: 104 … 65,
        // 3 380 in all). Half of 4 430 is 2 215: 1 050 + 104 + … + 93 (12 cohorts: 1 182) = 2 232
        // after cohort 12, 2 139 after cohort 11.
        #expect(CohortTable.cohortRanges(first: 0, last: 40, membersByAge: [Int](repeating: 1, count: 40) + [10],
                                         parts: 2) == [0..<13, 13..<41])
        #expect(CohortTable.cohortRanges(first: 10, last: 13, membersByAge: byAge, parts: 1) == [10..<14])
        #expect(CohortTable.cohortRanges(first: 13, last: 13, membersByAge: byAge, parts: 2) == [13..<14])
    }

    @Test func splitTablesAreTheOnesOfOneWalk() {
        // 3 000 customers signed up over 900 days (30 monthly cohorts), plans A, B, C, 30 000 orders
        // with cents and refunds (`LedgerPartitionTests.dataset`).
        let ledger = ActivityLedger(dataset: LedgerPartitionTests.dataset, configuration: LedgerPartitionTests.configuration)
        let one = CohortTable.withSegments(ledger, attributes: ["plan"], parts: 1)
        let two = CohortTable.withSegments(ledger, attributes: ["plan"], parts: 2)
        let three = CohortTable.withSegments(ledger, attributes: ["plan"], parts: 3)
        // The cut really falls inside the cohorts: both sides hold members.
        let members = ledger.activity.indices.filter { CohortMember.cohort(of: $0, in: ledger, including: nil) != nil }
        let cohorts = members.map { CohortMember.cohort(of: $0, in: ledger, including: nil)! }
        let last = ledger.periodIndexes.index(containing: ledger.asOf)
        var byAge = [Int](repeating: 0, count: last - cohorts.min()! + 1)
        for c in cohorts { byAge[last - c] += 1 }
        let cuts = CohortTable.cohortRanges(first: cohorts.min()!, last: last, membersByAge: byAge, parts: 2)
        #expect(cuts.count == 2 && cohorts.contains { cuts[0].contains($0) } && cohorts.contains { cuts[1].contains($0) })
        for split in [two, three] {
            #expect(split.whole == one.whole)
            #expect(split.segments.map(\.attribute) == ["plan"])
            #expect(split.segments[0].tables.map(\.value) == ["A", "B", "C"])
            #expect(zip(split.segments[0].tables, one.segments[0].tables).allSatisfy { $0.table == $1.table })
        }
        // Against the table of its own single walk, and every member counted once.
        #expect(two.whole == CohortTable(ledger: ledger))
        #expect(two.whole.customersCounted == members.count)
        #expect(two.segments[0].tables.reduce(0) { $0 + $1.table.customersCounted } == members.count)
        // Plan A's table is the whole table of plan A's customers (every third customer).
        #expect(two.segments[0].tables[0].table == CohortTable(ledger: ledger, including: { $0 % 3 == 0 }))
    }
}
