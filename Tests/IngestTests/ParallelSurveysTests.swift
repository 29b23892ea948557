import Testing
import Model
@testable import Ingest

/// A surveys file decoded on two (or three) threads gives exactly what one pass gives: the
/// same answers in file order, counts, skip examples with their lines, the customer join and
/// its warning.
@Suite struct ParallelSurveysTests {
    func load(_ customers: String, _ surveys: String, threads: Int) throws -> Dataset {
        var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
        builder.tableThreads = threads
        try builder.loadCustomers(customers)
        try builder.loadSurveys(surveys)
        return builder.dataset
    }

    /// Customers C0 … C49, named "Firm 0" … "Firm 49".
    static let customers = "Customer ID,Name,Signup Date\n" + (0..<50).map { "C\($0),Firm \($0),2023-01-01\n" }.joined()

    /// Row i (line i + 2): response "R\(i)" of customer "C\(i % 50)", NPS (score i % 11) on even
    /// rows and CSAT (score i % 5 + 1) on odd ones, except (the first rule that fits):
    /// i % 97 == 5 an empty row, i % 89 == 9 a row of three fields; and then, each alone:
    /// i % 83 == 11 no score, i % 79 == 13 the response id of row i − 13, i % 73 == 17 an
    /// unreadable date, i % 71 == 19 the kind "XYZ", i % 67 == 21 the score 11, i % 61 == 23
    /// the unknown customer "Z\(i)", i % 59 == 25 the customer named by company name.
    static func file(rows: Int) -> String {
        var text = "Response ID,Customer ID,Date,Type,Score,Comment\n"
        for i in 0..<rows {
            if i % 97 == 5 { text += ",,,,,\n"; continue }
            if i % 89 == 9 { text += "R\(i),C1,2024-01-01\n"; continue }
            let id = i % 79 == 13 ? "R\(i - 13)" : "R\(i)"
            let date = i % 73 == 17 ? "someday" : "2024-0\(i % 9 + 1)-1\(i % 10)"
            let kind = i % 71 == 19 ? "XYZ" : i % 2 == 0 ? "NPS" : "CSAT"
            let score = i % 83 == 11 ? "" : i % 67 == 21 ? "11" : i % 2 == 0 ? "\(i % 11)" : "\(i % 5 + 1)"
            let customer = i % 61 == 23 ? "Z\(i)" : i % 59 == 25 ? "Firm \(i % 50)" : "C\(i % 50)"
            text += "\(id),\(customer),\(date),\(kind),\(score),\(i % 3 == 0 ? "comment \(i)" : "")\n"
        }
        return text
    }

    /// The customers and `rows` survey rows, loaded on each of `threads` thread counts.
    func loads(rows: Int, threads: [Int], name: String = #function) throws -> [Dataset] {
        let dir = FixtureDirectory(name)
        let customers = dir.write("customers.csv", Self.customers)
        let surveys = dir.write("surveys.csv", Self.file(rows: rows))
        return try threads.map { try load(customers, surveys, threads: $0) }
    }

    @Test func surveysOnTwoThreadsGiveTheOnePassResult() throws {
        let loaded = try loads(rows: 400, threads: [1, 2, 3])
        let (one, two, three) = (loaded[0], loaded[1], loaded[2])
        #expect(two.surveys == one.surveys)
        #expect(two.inputs == one.inputs)
        #expect(three.surveys == one.surveys)
        #expect(three.inputs == one.inputs)

        // Worked out by a separate script applying the rules above in the loader's order (empty,
        // field count, no score, date, repeated id, kind, then the customer join, then the
        // score); a repeat of a row skipped before its id was noted is a new id.
        let input = try #require(one.inputs.last)
        #expect(input.rowsRead == 400 && input.rowsUsed == 363)
        #expect(input.skipped.map(\.reason)
            == ["empty_row", "wrong_field_count", "no_rating", "duplicate_id", "bad_date", "bad_kind", "bad_score"])
        #expect(input.skipped.map(\.count) == [5, 5, 5, 5, 6, 5, 6])
        #expect(input.skipped[3].examples.map(\.line) == [15, 94, 173, 252, 331])
        #expect(input.skipped[3].examples.first?.description == "15:1: response id \"R0\" appears on an earlier row")
        #expect(input.skipped[5].examples.map(\.line) == [21, 163, 234, 305, 376])
        // Matched: 356 by id and 6 by company name among the rows that reached the join;
        // 7 used answers name no customer (Z…), kept without one.
        #expect(input.join?.matched == [.id: 356, .companyName: 6])
        #expect(input.warnings == ["7 responses name no customer in the customer file; "
            + "kept for overall scores, left out of per-customer and per-segment views"])
        #expect(one.surveys.count == 363)
        #expect(one.surveys.filter { $0.customer == nil }.count == 7)
        // Row 0: NPS 0 of C0 with a comment; row 1: CSAT 2 of C1.
        #expect(one.surveys[0] == SurveyResponse(customer: 0, day: Day(year: 2024, month: 1, day: 10)!, kind: .nps,
                                                 score: 0, comment: "comment 0"))
        #expect(one.surveys[1] == SurveyResponse(customer: 1, day: Day(year: 2024, month: 2, day: 11)!, kind: .csat,
                                                 score: 2))
    }

    @Test func surveyBlocksKeepFileOrderAcrossTheirBoundaries() throws {
        // 40,000 rows: three blocks of 16,384 rows.
        let loaded = try loads(rows: 40_000, threads: [1, 2])
        let (one, two) = (loaded[0], loaded[1])
        #expect(two.surveys == one.surveys)
        #expect(two.inputs == one.inputs)
        // The separate script over 40,000 rows: 36,594 used, 601 of them without a customer.
        let input = try #require(two.inputs.last)
        #expect(input.rowsUsed == 36_594)
        #expect(input.skipped.map(\.count) == [413, 445, 471, 462, 530, 533, 552])
        #expect(two.surveys.filter { $0.customer == nil }.count == 601)
    }
}
