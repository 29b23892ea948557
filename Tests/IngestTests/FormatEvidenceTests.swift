import Testing
import Model
@testable import Ingest

/// Format detection over a table's rows split between threads gives what one pass gives.
@Suite struct FormatEvidenceTests {
    /// A column whose first ambiguous value (04/05/2024, line 3) comes before the row that
    /// proves day-first (25/12/2023, line 7), and an amount column whose dot marks come first
    /// and commas last: whatever the split, the evidence is the one pass's.
    static let text = """
    Id,Day,Paid,Amount
    1,2024-01-01,04/05/2024,12.50
    2,2024-01-02,06/05/2024,3.25
    3,2024-01-03,07/07/2024,1.5
    4,2024-01-04,,7
    5,2024-01-05,25/12/2023,8,75
    6,2024-01-06,03/02/2024,"9,5"
    7,2024-01-07,01/02/2024,"1.000,5"

    """

    func evidence(threads: Int) throws -> FormatEvidence {
        let table = try CSVTable(bytes: Array(Self.text.utf8))
        return FormatEvidence.gathered(table, threads: threads,
                                       from: FormatEvidence(dateColumns: [1, 2, nil], amountColumns: [3]))
    }

    @Test func twoOrThreeThreadsGiveTheOnePassEvidence() throws {
        let one = try evidence(threads: 1)
        // ISO dates prove nothing; the "Paid" column is day-first, first ambiguous on line 2.
        #expect(!one.dates[0].dayFirst && !one.dates[0].monthFirst && one.dates[0].firstAmbiguousRow == nil)
        #expect(one.dates[1].dayFirst && !one.dates[1].monthFirst)
        #expect(one.dates[1].firstAmbiguousRow == 2 && one.dates[1].firstAmbiguousText == "04/05/2024")
        #expect(one.dates[1].proven == .dayFirst)
        // 12.50, 3.25, 1.5: dots; "9,5": a comma; "1.000,5": both, the last decides (comma);
        // row 5 has five fields, its amount column reads "8".
        #expect(one.amounts[0].dot == 3 && one.amounts[0].comma == 2)
        for threads in [2, 3, 7, 12] {
            let split = try evidence(threads: threads)
            for k in 0..<3 {
                #expect(split.dates[k].dayFirst == one.dates[k].dayFirst)
                #expect(split.dates[k].monthFirst == one.dates[k].monthFirst)
                #expect(split.dates[k].firstAmbiguousRow == one.dates[k].firstAmbiguousRow)
                #expect(split.dates[k].firstAmbiguousText == one.dates[k].firstAmbiguousText)
            }
            #expect(split.amounts[0].dot == one.amounts[0].dot && split.amounts[0].comma == one.amounts[0].comma)
        }
    }

    /// The ambiguous value in the first part and the proof in the second: a customers file read
    /// on two threads still reads its dates day-first (4 May, not 5 April).
    @Test func aCustomersFileOnTwoThreadsSettlesItsDatesAsOnOne() throws {
        let dir = FixtureDirectory()
        let rows = (0..<40).map { i in "C\(i),Firm \(i),\(i == 30 ? "25/12/2023" : "04/05/2024")\n" }.joined()
        let customers = dir.write("customers.csv", "Customer ID,Name,Signup Date\n" + rows)
        var signups: [[Day]] = []
        for threads in [1, 2] {
            var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
            builder.tableThreads = threads
            try builder.loadCustomers(customers)
            signups.append(builder.dataset.customers.map(\.signup))
        }
        #expect(signups[0].count == 40)
        #expect(signups[0][0] == Day(year: 2024, month: 5, day: 4))
        #expect(signups[0][30] == Day(year: 2023, month: 12, day: 25))
        #expect(signups[1] == signups[0])
    }
}
