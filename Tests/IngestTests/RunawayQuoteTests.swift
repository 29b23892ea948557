import Testing
import Model
@testable import Ingest

/// A quote left open mid-file swallows the rows after it until some later quote closes it.
/// Every physical row it swallowed is counted, and the message names where the quote opened.
@Suite struct RunawayQuoteTests {
    /// Line 3 opens a quote at column 4 that is never closed on its line; the quote before
    /// "Elm" on line 6 closes it. Lines 3–6 become one record of 3 fields (C2, a field running
    /// from "Birch" to "Elm", 2024-01-05) — the header's count, so it used to load as customer
    /// C2 and silently lose C3, C4 and C5.
    @Test func aRunawayQuoteCountsEveryRowItSwallowed() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", """
            Customer ID,Company Name,Created Date
            C1,Acme,2024-01-01
            C2,"Birch,2024-01-02
            C3,Cedar,2024-01-03
            C4,Dune,2024-01-04
            C5,"Elm",2024-01-05
            C6,Fir,2024-01-06

            """)
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(data.customers.map(\.id) == ["C1", "C6"])
        let a = try #require(accounting(data, "customers"))
        // 6 physical rows: 2 used + 4 swallowed (lines 3, 4, 5, 6).
        #expect(a.rowsRead == 6 && a.rowsUsed == 2 && a.rowsSkipped == 4)
        #expect(a.skipped.map(\.reason) == ["unclosed_quote"])
        #expect(a.skipped.first?.examples.map(\.description) == [
            "3:4: the quote opened on line 3, column 4 is closed only on line 6, so lines 3–6 were read as one row; "
                + "a closing quote is probably missing (4 rows skipped)",
        ])
    }

    /// When the joined record has the wrong field count the same applies; orders go through the
    /// streaming reader. Line 2's quote closes on line 4 ("…9.00"" then ,USD): 3 rows in one.
    @Test func inAStreamedFileTooTheRowsAreCountedAndTheQuoteLocated() throws {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", """
            Invoice ID,Customer ID,Date,Amount
            I1,C1,2024-01-01,"10.00
            I2,C2,2024-01-02,20.00
            I3,C3,2024-01-03,"30.00",USD
            I4,C4,2024-01-04,40.00

            """)
        var stream = try OrderStream(path: path, options: IngestOptions())
        stream.records.chunkSize = 16
        var used: [String] = []
        let result = try stream.forEachOrder { o in used.append(String(decoding: o.orderID, as: UTF8.self)); return .use }
        #expect(used == ["I4"])
        #expect(result.accounting.rowsRead == 4 && result.accounting.rowsSkipped == 3)
        #expect(result.accounting.skipped.first?.examples.map(\.description) == [
            "2:18: the quote opened on line 2, column 18 is closed only on line 4, so lines 2–4 were read as one row; "
                + "a closing quote is probably missing (3 rows skipped)",
        ])
    }

    /// A legitimate multi-line comment with the right field count is kept.
    @Test func aMultiLineCommentIsNotARunawayQuote() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Company Name,Created Date\nC1,\"Acme\nBuilding 2, Floor 3\",2024-01-01\n")
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(data.customers.map(\.name) == ["Acme\nBuilding 2, Floor 3"])
    }

    /// The streamed orders path checks the shape only when the field count differs; a joined
    /// record with the header's count fails elsewhere (here its date), and that skip is
    /// recognised as the runaway quote it is: line 2's quote closes on line 4, 3 rows.
    @Test func aJoinedRecordWithTheRightFieldCountIsCaughtWhenItFails() throws {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", """
            Invoice ID,Customer ID,Date,Amount
            I1,C1,"2024-01-01,10.00
            I2,C2,2024-01-02,20.00
            I3,C3,"2024-01-03",30.00
            I4,C4,2024-01-04,40.00

            """)
        let stream = try OrderStream(path: path, options: IngestOptions())
        var used: [String] = []
        let result = try stream.forEachOrder { o in used.append(String(decoding: o.orderID, as: UTF8.self)); return .use }
        #expect(used == ["I4"])
        #expect(result.accounting.rowsRead == 4 && result.accounting.rowsSkipped == 3)
        #expect(result.accounting.skipped.map(\.reason) == ["unclosed_quote"])
        #expect(result.accounting.skipped.first?.examples.map(\.description) == [
            "2:7: the quote opened on line 2, column 7 is closed only on line 4, so lines 2–4 were read as one row; "
                + "a closing quote is probably missing (3 rows skipped)",
        ])
    }
}
