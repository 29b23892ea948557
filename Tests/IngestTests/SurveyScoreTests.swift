import Testing
import Model
@testable import Ingest

/// Scores are read from the bytes when written as plain numbers and through the general path
/// otherwise; both give the same values, skips and messages.
@Suite struct SurveyScoreTests {
    @Test func scoresWrittenEveryWay() throws {
        let dir = FixtureDirectory()
        let customers = dir.write("customers.csv", "Customer ID,Signup Date\nC1,2024-01-01\n")
        let path = dir.write("surveys.csv", """
        Customer ID,Date,Kind,Score
        C1,2024-04-01,NPS, 9 
        C1,2024-04-01,NPS,+8
        C1,2024-04-01,NPS,9.5
        C1,2024-04-01,NPS,-1
        C1,2024-04-01,CSAT,4.5
        C1,2024-04-01,CSAT,Good
        C1,2024-04-01,CSAT,"bad, slow"
        C1,2024-04-01,CSAT,offered
        C1,2024-04-01,NPS,nine
        C1,2024-04-01,Pulse,3
        X9,2024-04-01,Pulse,3
        X9,2024-04-01,nps,10

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, surveys: path), options: IngestOptions())
        // " 9 " and "+8" are NPS answers; 4.5 is a CSAT score (CSAT may be fractional); Good → 1
        // and "bad, slow" → 0 on the good/bad scale; X9's 10 is kept without a customer.
        #expect(data.surveys.map(\.score) == [9, 8, 4.5, 1, 0, 10])
        #expect(data.surveys.map(\.kind) == [.nps, .nps, .csat, .csatGoodBad, .csatGoodBad, .nps])
        #expect(data.surveys.map(\.customer) == [0, 0, 0, 0, 0, nil])
        let a = try #require(accounting(data, "surveys"))
        #expect(a.skipped.map(\.reason) == ["bad_score", "no_rating", "bad_kind"])
        #expect(a.skipped[0].examples.map(\.description) == [
            "4:19: score 9.5 is outside NPS range 0–10",
            "5:19: score -1 is outside NPS range 0–10",
            "10:19: cannot read number \"nine\" in column \"Score\"",
        ])
        #expect(a.skipped[1].examples.map(\.description) == ["9:20: no score given (\"offered\")"])
        #expect(a.skipped[2].examples.map(\.description) == [
            "11:15: unknown survey \"Pulse\"; expected NPS, CSAT or CES",
            "12:15: unknown survey \"Pulse\"; expected NPS, CSAT or CES",
        ])
        #expect(balanced(a))
    }
}
