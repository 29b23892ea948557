import Testing
import Model
@testable import Ingest

@Suite struct DatasetLoaderTests {
    /// A small export set in the sample's shape, with the sample's deliberate mess.
    func sampleSet(_ dir: FixtureDirectory) -> InputFiles {
        let customers = dir.write("customers.csv", """
        \(SampleHeaders.customers)
        C001,"Acme, Inc.",2024-01-15,Pro,SMB,EMEA,Organic,Dana,Active,,,,2024-06-01
        C002,Globex,2024-02-01,Basic,Mid-Market,NA,Paid search,Lee,Cancelled,2024-05-10,Too expensive,voluntary,2024-05-01
        C003,Initech,2024-13-01,Pro,SMB,NA,Partner,Lee,Active,,,,
        C001,Acme again,2024-03-01,Pro,SMB,EMEA,Organic,Dana,Active,,,,
        C004,"Umbrella
        Corp",2024-03-05,Enterprise,Enterprise,APAC,Partner,Kim,Active,,,,2024-06-02

        """)
        let subscriptions = dir.write("subscriptions.csv", """
        \(SampleHeaders.subscriptions)
        S1,C001,Pro,month,99.00,USD,2024-01-15,,active
        S2,C002,Basic,year,1200.00,USD,2024-02-01,2024-05-10,canceled
        S3,C004,Enterprise,month,0,USD,2024-03-05,,trialing
        S4,C999,Pro,month,99.00,USD,2024-03-01,,active

        """)
        let invoices = dir.write("invoices.csv", """
        \(SampleHeaders.invoices)
        I1,C001,2024-01-15,99.00,USD,paid
        I2,C002,2024-02-01,1200.00,USD,paid
        I3,C002,2024-03-01,-100.00,USD,refunded
        I4,C999,2024-03-01,50.00,USD,paid
        I5,C001,2024-02-15,abc,USD,paid
        I1,C001,2024-02-15,99.00,USD,paid
        I6,C004,2024-04-01,"1,250.00",USD,paid

        """)
        let surveys = dir.write("surveys.csv", """
        \(SampleHeaders.surveys)
        R1,C001,2024-04-01 10:00:00,CSAT,5,"Great, thanks"
        R2,C002,2024-04-02 11:00:00,NPS,3,
        R3,C777,2024-04-03 12:00:00,CES,6,
        R4,C001,2024-04-04 09:00:00,NPS,11,

        """)
        let tickets = dir.write("tickets.csv", """
        \(SampleHeaders.tickets)
        T1,C001,2024-04-01 09:00:00,2024-04-01 09:30:00,2024-04-02 10:00:00,High,solved
        T2,C888,2024-04-05 08:00:00,,,Low,open
        T3,C002,not a date,,,Normal,open

        """)
        return InputFiles(customers: customers, subscriptions: subscriptions, orders: invoices, surveys: surveys,
                          tickets: tickets)
    }

    @Test func sampleShapedExportsLoadWithEveryRowAccountedFor() throws {
        let dir = FixtureDirectory()
        let data = try DatasetLoader.load(sampleSet(dir), options: IngestOptions())
        for input in data.inputs { #expect(balanced(input), "\(input.path)") }

        // Customers: 5 rows; C003 has a bad date, the second C001 is a duplicate.
        let c = try #require(accounting(data, "customers"))
        #expect(c.rowsRead == 5)
        #expect(c.rowsUsed == 3)
        #expect(skipCount(c, "bad_date") == 1)
        #expect(skipCount(c, "duplicate_id") == 1)
        #expect(c.skipped.first { $0.reason == "duplicate_id" }?.examples.first?.line == 5)
        #expect(c.skipped.first { $0.reason == "bad_date" }?.examples.first
                == .init(line: 4, column: 14, message: "cannot read date \"2024-13-01\" in column \"Created Date\""))
        #expect(data.customers.map(\.id) == ["C001", "C002", "C004"])
        #expect(data.customers[0].name == "Acme, Inc.")
        #expect(data.customers[2].name == "Umbrella\nCorp")
        #expect(data.customers[1].churnDate == Day(iso: "2024-05-10"))
        #expect(data.customers[1].churnKind == .voluntary)
        #expect(data.customers[1].churnReason == "Too expensive")
        #expect(data.customers[0].lastSeen == Day(iso: "2024-06-01"))
        #expect(data.customers[0].channel == "Organic")

        // Subscriptions: the annual 1200 is 100/month; the trial has MRR 0; C999 is unknown.
        let s = try #require(accounting(data, "subscriptions"))
        #expect(s.rowsUsed == 3)
        #expect(skipCount(s, "unknown_customer") == 1)
        #expect(data.subscriptions.map(\.mrr) == [99, 100, 0])
        #expect(data.subscriptions[2].isTrial)
        #expect(data.subscriptions[1].end == Day(iso: "2024-05-10"))

        // Orders: unknown customer, bad amount, duplicate invoice id skipped; refund kept negative.
        let o = try #require(accounting(data, "orders"))
        #expect(o.rowsRead == 7)
        #expect(o.rowsUsed == 4)
        #expect(skipCount(o, "unknown_customer") == 1)
        #expect(skipCount(o, "bad_amount") == 1)
        #expect(skipCount(o, "duplicate_id") == 1)
        #expect(data.orders.map(\.amount) == [99, 1200, -100, 1250])
        #expect(data.orders.map(\.customer) == [0, 1, 1, 2])
        #expect(o.skipped.first { $0.reason == "bad_amount" }?.examples.first
                == .init(line: 6, column: 20, message: "cannot read amount \"abc\" in column \"Amount\""))

        // Surveys: the unknown customer's response is kept (customer nil); NPS 11 is out of range.
        let r = try #require(accounting(data, "surveys"))
        #expect(r.rowsUsed == 3)
        #expect(skipCount(r, "bad_score") == 1)
        #expect(data.surveys.map(\.kind) == [.csat, .nps, .ces])
        #expect(data.surveys[2].customer == nil)
        #expect(data.surveys[0].comment == "Great, thanks")
        #expect(r.warnings.contains { $0.hasPrefix("1 response names no customer") })

        // Tickets: the unknown customer's ticket is kept; the bad date is skipped.
        let t = try #require(accounting(data, "tickets"))
        #expect(t.rowsUsed == 2)
        #expect(skipCount(t, "bad_date") == 1)
        #expect(data.tickets[0].priority == .high)
        // 2024-04-01 = day 19814; 09:00 → +32400 s; first response 30 minutes later.
        #expect(data.tickets[0].created.secondsSince1970 == 19814 * 86_400 + 32_400)
        let firstResponse = try #require(data.tickets[0].firstResponse)
        #expect(firstResponse.secondsSince1970 == 19814 * 86_400 + 32_400 + 1800)
        #expect(data.tickets[1].customer == nil)
        #expect(data.currency == "USD")
        #expect(c.sha256.count == 64)
    }

    @Test func ambiguousDayMonthColumnIsRefusedWithAnExactMessage() {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Company Name,Created Date\nC1,A,03/04/2024\nC2,B,05/06/2024\n")
        #expect(loadError(InputFiles(customers: path)) == "\(path):1:26: error: column \"Created Date\" has dates like "
            + "03/04/2024 that could be day-first or month-first; set date_format "
            + "(e.g. --date-format \"Created Date=dd/MM/yyyy\")")
    }

    @Test func dateFormatSettlesTheOrder() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Company Name,Created Date\nC1,A,03/04/2024\n")
        let dayFirst = try DatasetLoader.load(InputFiles(customers: path),
                                              options: IngestOptions(dateFormats: ["Created Date": "dd/MM/yyyy"]))
        #expect(dayFirst.customers[0].signup == Day(iso: "2024-04-03"))
        let monthFirst = try DatasetLoader.load(InputFiles(customers: path),
                                                options: IngestOptions(dateFormats: ["customers.signup": "MM/dd/yyyy"]))
        #expect(monthFirst.customers[0].signup == Day(iso: "2024-03-04"))
    }

    @Test func oneUnambiguousValueDecidesTheWholeColumn() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Company Name,Created Date\nC1,A,03/04/2024\nC2,B,25/12/2024\n")
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(data.customers.map(\.signup) == [Day(iso: "2024-04-03"), Day(iso: "2024-12-25")])
    }

    @Test func mixedCurrenciesNeedRates() throws {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", "\(SampleHeaders.invoices)\nI1,C1,2024-01-01,100.00,USD,paid\nI2,C1,2024-01-02,100.00,EUR,paid\nI3,C2,2024-01-03,10.00,GBP,paid\n")
        #expect(loadError(InputFiles(orders: path)) == "error: amounts are in several currencies (EUR, GBP, USD) and "
            + "there is no exchange rate for EUR, GBP into the report currency USD; give one per currency, "
            + "e.g. --rate EUR=1.08 (1 EUR = 1.08 USD), or choose the report currency with --currency")
        let data = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions(rates: ["EUR": 1.08, "gbp": 1.25]))
        // 100 EUR × 1.08 = 108 USD; 10 GBP × 1.25 = 12.5 USD.
        #expect(data.orders.map(\.amount) == [100, 108, 12.5])
        #expect(data.currency == "USD")
    }

    @Test func withoutACustomersFileRevenueFilesCreateCustomers() throws {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", "\(SampleHeaders.invoices)\nI1,C2,2024-03-01,10,USD,paid\nI2,C1,2024-02-01,10,USD,paid\nI3,C2,2024-01-20,10,USD,paid\n")
        let data = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions())
        #expect(data.customers.map(\.id) == ["C2", "C1"])
        // C2's signup is its earliest order, 2024-01-20, though that row comes later.
        #expect(data.customers.map(\.signup) == [Day(iso: "2024-01-20"), Day(iso: "2024-02-01")])
        // Grouped by customer: C2's two orders (file order), then C1's.
        #expect(data.orders.map(\.customer) == [0, 0, 1])
        #expect(data.orders.map(\.day) == [Day(iso: "2024-03-01"), Day(iso: "2024-01-20"), Day(iso: "2024-02-01")])
    }

    @Test func raggedRowsAreSkippedAsWrongFieldCount() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Company Name,Created Date\nC1,A,2024-01-01\nC2,B\nC3,C,2024-01-02,extra\nC4,D,2024-01-03,,\n")
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        let a = try #require(accounting(data, "customers"))
        #expect(skipCount(a, "wrong_field_count") == 2)
        #expect(a.skipped[0].examples[0] == .init(line: 3, column: 5, message: "row has 2 fields, the header has 3"))
        // Trailing blank fields are tolerated.
        #expect(data.customers.map(\.id) == ["C1", "C4"])
        #expect(balanced(a))
    }

    @Test func strictModeStopsAtTheFirstSkippedRow() {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Company Name,Created Date\nC1,A,2024-01-01\nC1,B,2024-01-02\n")
        #expect(loadError(InputFiles(customers: path), IngestOptions(strict: true)) ==
            "\(path):3:1: error: customer id \"C1\" appears on an earlier row; the first row is kept [duplicate_id]; "
            + "strict mode stops on unreadable rows (1 in this file)")
    }

    @Test func unreadableFilesAreErrorsWithTheirPath() {
        let dir = FixtureDirectory()
        let missing = dir.path + "/nope.csv"
        #expect(loadError(InputFiles(customers: missing)) == "\(missing): error: cannot read the file: no such file")
        let empty = dir.write("empty.csv", "")
        #expect(loadError(InputFiles(customers: empty)) == "\(empty): error: the file is empty; expected a header row and data rows")
        let binary = dir.write("binary.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        #expect(loadError(InputFiles(customers: binary)) == "\(binary): error: not a text file (binary data at byte 4, in the first 8000 bytes); export the data as CSV")
        let binaryOrders = dir.write("orders.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        #expect(loadError(InputFiles(orders: binaryOrders)) == "\(binaryOrders): error: not a text file (binary data at byte 4, in the first 8000 bytes); export the data as CSV")
        #expect(loadError(InputFiles()) == "error: no input files; give --customers, --subscriptions, --orders, --surveys or "
            + "--tickets, or a directory holding customers*.csv, subscriptions*.csv, invoices*.csv, surveys*.csv, tickets*.csv")
        let quote = dir.write("q.csv", "Customer ID,Company Name,Created Date\nC1,\"open,2024-01-01\n")
        #expect(loadError(InputFiles(customers: quote)) == "\(quote):2:4: error: this quoted field is never closed; a closing \" is missing somewhere after this point")
    }

    @Test func missingRequiredColumnNamesTheFieldAndTheFix() {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID,Company Name\nC1,A\n")
        #expect(loadError(InputFiles(customers: path)) == "\(path):1:1: error: no column for customers signup (looked for "
            + "\"Created Date\", \"Create Date\", \"Signup Date\", \"Sign Up Date\"); name it with --map customers.signup=\"Your Header\"")
    }

    @Test func explicitMappingWinsAndMustExist() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Account Number,Joined,Created Date\nA1,2024-05-01,2024-01-01\n")
        let mapping = try ColumnMapping().parse(override: "customers.signup=\"Joined\"").parse(override: "customers.id=Account Number")
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions(mapping: mapping))
        #expect(data.customers[0].signup == Day(iso: "2024-05-01"))
        #expect(data.customers[0].attributes == ["Created Date": "2024-01-01"])
        let wrong = try ColumnMapping().parse(override: "customers.signup=Signed")
        #expect(loadError(InputFiles(customers: path), IngestOptions(mapping: wrong)) == "\(path):1:1: error: the mapping for "
            + "customers.signup names column \"Signed\", which the file does not have; its columns are \"Account Number\", \"Joined\", \"Created Date\"")
    }

    @Test func encodingsAreDecodedAndWarned() throws {
        let dir = FixtureDirectory()
        // Windows-1252: "Café" with é = 0xE9.
        let latin = dir.write("customers.csv", bytes: Array("Customer ID,Company Name,Created Date\nC1,Caf".utf8) + [0xE9] + Array(",2024-01-01\n".utf8))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "\(SampleHeaders.invoices)\r\nI1,C1,2024-01-01,12.50,EUR,paid\r\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let orders = dir.write("invoices.csv", bytes: utf16)
        let data = try DatasetLoader.load(InputFiles(customers: latin, orders: orders), options: IngestOptions())
        #expect(data.customers[0].name == "Café")
        #expect(accounting(data, "customers")?.warnings == ["decoded as Windows-1252: the file is not valid UTF-8"])
        #expect(data.orders.map(\.amount) == [12.5])
        #expect(data.currency == "EUR")
    }

    @Test func sha256OfEachFileIsRecorded() throws {
        let dir = FixtureDirectory()
        let text = "Customer ID,Company Name,Created Date\nC1,A,2024-01-01\n"
        let path = dir.write("customers.csv", text)
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(accounting(data, "customers")?.sha256 == SHA256.hex(of: Array(text.utf8)))
    }
}
