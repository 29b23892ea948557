import Testing
import Model
@testable import Ingest

@Suite struct LoaderRulesTests {
    @Test func offsetsMoveOrdersToTheReportTimeZoneDay() throws {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", "\(SampleHeaders.invoices)\nI1,C1,2024-03-05T23:30:00Z,10,USD,paid\nI2,C1,2024-03-05 23:30:00,10,USD,paid\n")
        let utc = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions())
        #expect(utc.orders.map(\.day) == [Day(iso: "2024-03-05"), Day(iso: "2024-03-05")])
        // At +02:00 the Z time is already the 6th; the time without an offset stays as written.
        let east = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions(timeZone: ReportTimeZone("+02:00")!))
        #expect(east.orders.map(\.day) == [Day(iso: "2024-03-06"), Day(iso: "2024-03-05")])
    }

    @Test func currenciesAcrossFilesAreCheckedTogether() {
        let dir = FixtureDirectory()
        let subs = dir.write("subscriptions.csv", "\(SampleHeaders.subscriptions)\nS1,C1,Pro,month,10,EUR,2024-01-01,,active\n")
        let orders = dir.write("invoices.csv", "\(SampleHeaders.invoices)\nI1,C1,2024-01-01,10,USD,paid\n")
        #expect(loadError(InputFiles(subscriptions: subs, orders: orders)) == "error: amounts are in several currencies "
            + "(EUR, USD) and there is no exchange rate for USD into the report currency EUR; give one per currency, "
            + "e.g. --rate USD=1.08 (1 USD = 1.08 EUR), or choose the report currency with --currency")
    }

    @Test func configuredReportCurrencyConvertsEverythingElse() throws {
        let dir = FixtureDirectory()
        let subs = dir.write("subscriptions.csv", "\(SampleHeaders.subscriptions)\nS1,C1,Pro,month,10,EUR,2024-01-01,,active\n")
        let orders = dir.write("invoices.csv", "\(SampleHeaders.invoices)\nI1,C1,2024-01-01,10,USD,paid\nI2,C1,2024-01-02,£4,,paid\n")
        let data = try DatasetLoader.load(InputFiles(subscriptions: subs, orders: orders),
                                          options: IngestOptions(rates: ["EUR": 1.1, "GBP": 1.25], reportCurrency: "USD"))
        #expect(data.currency == "USD")
        // 10 EUR × 1.1 = 11 USD; the £ symbol names GBP when the currency cell is empty: 4 × 1.25 = 5.
        #expect(data.subscriptions.map(\.mrr) == [10 * 1.1])
        #expect(data.orders.map(\.amount) == [10, 5])
    }

    @Test func unmappedCustomerColumnsBecomeAttributes() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Created Date,Industry,Employees\nC1,2024-01-01,Retail,50\nC2,2024-01-02,,\n")
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(data.customers[0].attributes == ["Industry": "Retail", "Employees": "50"])
        #expect(data.customers[1].attributes == [:])
        #expect(data.customers[0].attribute("Industry") == "Retail")
        #expect(data.customers[0].name == "C1")
    }

    @Test func attributeColumnsOfOneHeaderKeepTheLastNonEmptyCell() throws {
        let dir = FixtureDirectory()
        // Two "Industry" columns: C1 has both (the later wins), C2 only the first, C3 neither.
        let path = dir.write("customers.csv", "Customer ID,Created Date,Industry,Zone,Industry\nC1,2024-01-01,Retail,EU,Travel\n"
            + "C2,2024-01-02,Energy,,\nC3,2024-01-03,,,\n")
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(data.customers.map(\.attributes) == [["Industry": "Travel", "Zone": "EU"], ["Industry": "Energy"], [:]])
        // Every customer of the file shares one sorted name list.
        #expect(data.customers.map(\.attributeValues.names) == Array(repeating: ["Industry", "Zone"], count: 3))
        #expect(data.customers[1].attribute("Zone") == nil)
    }

    @Test func unreadableOptionalDatesAreWarnedNotSkipped() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Created Date,Cancellation Date\nC1,2024-01-01,soon\nC2,2024-01-02,2024-13-40\nC3,2024-01-03,2024-02-01\n")
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(data.customers.map(\.churnDate) == [nil, nil, Day(iso: "2024-02-01")])
        #expect(accounting(data, "customers")?.warnings
                == ["2 rows had an unreadable \"Cancellation Date\" (first on line 2: \"soon\"); the value was left empty"])
    }

    @Test func surveyRangesPerKind() throws {
        let dir = FixtureDirectory()
        let path = dir.write("surveys.csv", """
        \(SampleHeaders.surveys)
        R1,C1,2024-04-01,CES,7,
        R2,C1,2024-04-01,CES,0,
        R3,C1,2024-04-01,CSAT,0,
        R4,C1,2024-04-01,NPS,0,
        R5,C1,2024-04-01,Pulse,3,
        R6,C1,2024-04-01,NPS,,

        """)
        let data = try DatasetLoader.load(InputFiles(surveys: path), options: IngestOptions())
        #expect(data.surveys.map(\.kind) == [.ces, .nps])
        #expect(data.surveys.map(\.score) == [7, 0])
        let a = try #require(accounting(data, "surveys"))
        #expect(skipCount(a, "bad_score") == 2)
        #expect(skipCount(a, "bad_kind") == 1)
        #expect(skipCount(a, "no_rating") == 1)
        #expect(a.skipped.first { $0.reason == "bad_score" }?.examples.first?.message == "score 0 is outside CES range 1–7")
        #expect(balanced(a))
    }

    @Test func hubspotDealsCountOnlyWonStages() throws {
        let dir = FixtureDirectory()
        let path = dir.write("deals.csv", """
        Record ID,Deal Name,Deal Stage,Close Date,Amount,Associated Company IDs (Primary)
        901,Acme renewal,closedwon,2024-05-01,"12,000",5551
        902,Acme upsell,closedlost,2024-05-02,3000,5551
        903,Globex new,Closed Won,2024-05-03,500.50,5552

        """)
        let data = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions(preset: .hubspot))
        #expect(data.orders.map(\.amount) == [12000, 500.5])
        #expect(data.customers.map(\.id) == ["5551", "5552"])
        #expect(skipCount(accounting(data, "orders"), "lost_deal") == 1)
    }

    @Test func strictModeAppliesToStreamedOrders() {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", "\(SampleHeaders.invoices)\nI1,C1,2024-01-01,10,USD,paid\nI2,C1,2024-01-32,10,USD,paid\n")
        #expect(loadError(InputFiles(orders: path), IngestOptions(strict: true)) == "\(path):3:7: error: cannot read date "
            + "\"2024-01-32\" in column \"Date\" [bad_date]; strict mode stops on unreadable rows (1 in this file)")
    }

    @Test func emptyRowsOfOnlyDelimitersAreCounted() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Created Date\nC1,2024-01-01\n,\n , \n")
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        let a = try #require(accounting(data, "customers"))
        #expect(a.rowsRead == 3)
        #expect(skipCount(a, "empty_row") == 2)
    }
}

@Suite struct SettingsTests {
    @Test func commandLineSettingsParse() throws {
        var options = IngestOptions()
        try options.addDateFormat("Created Date=dd/MM/yyyy")
        try options.addRate("eur=1.08")
        try options.addMapping("customers.id=Account Number")
        #expect(options.dateFormats == ["Created Date": "dd/MM/yyyy"])
        #expect(options.rates == ["EUR": 1.08])
        #expect(options.mapping.header(for: .customers, "id") == "Account Number")
        #expect(throws: IngestError.badSetting(option: "--rate", value: "EUR:1.08")) { try options.addRate("EUR:1.08") }
        #expect(IngestError.badSetting(option: "--rate", value: "EUR:1.08").description
                == "error: cannot read --rate \"EUR:1.08\"; write CODE=RATE with a three-letter currency code, e.g. --rate EUR=1.08 (1 EUR = 1.08 report-currency units)")
        #expect(throws: IngestError.unknownDateFormat(column: "Date", format: "yy")) { try options.addDateFormat("Date=yy") }
        #expect(throws: IngestError.badMapping(.malformedOverride("nope"))) { try options.addMapping("nope") }
    }
}

@Suite struct SampleMessTests {
    /// The sample's deliberate mess in invoices.csv: an impossible day-first date among ISO
    /// dates and a repeated invoice id.
    @Test func sampleInvoicesMessIsCountedNotFatal() throws {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", """
        \(SampleHeaders.invoices)
        INV-00000001,C000001,2024-06-04,199.00,USD,paid
        INV-00000002,C000001,2024-07-04,199.00,USD,paid
        INV-00000003,C000001,31/02/2024,199.00,USD,paid
        INV-00000001,C000001,2024-06-04,199.00,USD,paid
        INV-00000004,C000002,2024-06-04,"7,990.00",USD,paid

        """)
        let data = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions())
        let a = try #require(accounting(data, "orders"))
        #expect(a.rowsRead == 5)
        #expect(a.rowsUsed == 3)
        #expect(a.skipped.map(\.reason) == ["bad_date", "duplicate_id"])
        #expect(a.skipped[0].examples == [.init(line: 4, column: 22, message: "cannot read date \"31/02/2024\" in column \"Date\"")])
        #expect(a.skipped[1].examples == [.init(line: 5, column: 1, message: "id \"INV-00000001\" appears on an earlier row")])
        #expect(data.orders.map(\.amount) == [199, 199, 7990])
    }
}
