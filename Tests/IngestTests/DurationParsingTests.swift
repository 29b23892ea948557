import Testing
import Model
@testable import Ingest

@Suite struct DurationParsingTests {
    @Test func readsClockDurationsAndPlainNumbersInTheHeadersUnit() {
        // 2 h 15 min 30 s = 7200 + 900 + 30 = 8130 s.
        #expect(DurationParsing.read("02:15:30", plainUnit: .minutes) == .seconds(8130))
        // Hours beyond a day: 125 h = 450 000 s.
        #expect(DurationParsing.read("125:00:00", plainUnit: .minutes) == .seconds(450_000))
        #expect(DurationParsing.read("1:05", plainUnit: .minutes) == .seconds(3900))
        #expect(DurationParsing.read(" 1.5 ", plainUnit: .hours) == .seconds(5400))
        #expect(DurationParsing.read("45", plainUnit: .minutes) == .seconds(2700))
        #expect(DurationParsing.read("", plainUnit: .minutes) == .empty)
        #expect(DurationParsing.read("-", plainUnit: .minutes) == .empty)
        for bad in ["1:75:00", "1:5", "a:00:00", "1::00", "-3", "1:00:00:00", "soon"] {
            #expect(DurationParsing.read(bad, plainUnit: .minutes) == .invalid, "\(bad)")
        }
    }

    @Test func unitsComeFromTheHeader() {
        #expect(DurationParsing.unit(forHeader: "First response time (in hrs)") == .hours)
        #expect(DurationParsing.unit(forHeader: "First reply time in minutes") == .minutes)
        #expect(DurationParsing.unit(forHeader: "Handle time (seconds)") == .seconds)
        #expect(DurationParsing.unit(forHeader: "Resolution time (h)") == .hours)
        #expect(DurationParsing.unit(forHeader: "Depth") == nil)
        #expect(DurationParsing.unit(forHeader: "First Response") == nil)
    }

    /// Freshdesk ticket export: first response and resolution times as HH:MM:SS "(in hrs)".
    @Test func freshdeskTicketTimesAreAddedToTheCreationTime() throws {
        let dir = FixtureDirectory()
        let tickets = dir.write("tickets-export.csv", """
        Ticket ID,Subject,Created time,First response time (in hrs),Resolution time (in hrs),Priority,Status
        1,Login,2024-07-01 09:00:00,02:15:30,26:00:00,Low,Closed
        2,Billing,2024-07-01 10:00:00,1.5,,Medium,Open
        3,Export,2024-07-01 11:00:00,1:75:00,,High,Open

        """)
        var options = IngestOptions()
        try options.addMapping("tickets.created=Created time")
        let data = try DatasetLoader.load(InputFiles(tickets: tickets), options: options)
        let created = data.tickets.map(\.created.secondsSince1970)
        // 2024-07-01T09:00Z = 1 719 824 400 s.
        #expect(created == [1_719_824_400, 1_719_828_000])
        #expect(data.tickets.map { $0.firstResponse.map { $0.secondsSince1970 - created[0] } } == [8130, 5400 + 3600])
        #expect(data.tickets.map { $0.resolved.map { $0.secondsSince1970 - created[0] } } == [93_600, nil])
        let skipped = try #require(accounting(data, "tickets")?.skipped.first)
        #expect(skipped.reason == "bad_amount")
        #expect(skipped.examples.map(\.description) == [
            "4:30: cannot read first response time \"1:75:00\" in column \"First response time (in hrs)\"; expected HH:MM:SS or a number",
        ])
    }
}
