import Testing
import Model
@testable import Ingest

@Suite struct PresetTests {
    @Test func hubspotCompaniesExport() throws {
        let dir = FixtureDirectory()
        let path = dir.write("hubspot-companies.csv", """
        "Record ID","Company name","Company owner","Create Date","Last Activity Date","Lifecycle Stage","Country/Region","Industry","Original Source"
        "5551","Acme","Dana Scully","2024-01-15 10:12","2024-06-01 08:00","customer","Germany","SOFTWARE","Organic search"
        "5552","Globex","Fox Mulder","2024-02-01 00:00","","customer","United States","RETAIL","Paid social"

        """)
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions(preset: .hubspot))
        #expect(data.customers.map(\.id) == ["5551", "5552"])
        #expect(data.customers[0].name == "Acme")
        #expect(data.customers[0].owner == "Dana Scully")
        #expect(data.customers[0].signup == Day(iso: "2024-01-15"))
        #expect(data.customers[0].lastSeen == Day(iso: "2024-06-01"))
        #expect(data.customers[0].region == "Germany")
        #expect(data.customers[0].segment == "SOFTWARE")
        #expect(data.customers[0].channel == "Organic search")
        #expect(data.customers[0].status == "customer")
    }

    @Test func salesforceAccountReport() throws {
        let dir = FixtureDirectory()
        let path = dir.write("accounts.csv", """
        "Account ID","Account Name","Account Owner","Type","Billing Country","Account Source","Created Date"
        "0015g00000A1","Acme","Dana","Customer - Direct","France","Web","1/15/2024"
        "0015g00000A2","Globex","Lee","Customer - Channel","Spain","Partner","2/28/2024"

        """)
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions(preset: .salesforce))
        // 2/28/2024 proves the column is month-first, so 1/15/2024 is January 15.
        #expect(data.customers.map(\.signup) == [Day(iso: "2024-01-15"), Day(iso: "2024-02-28")])
        #expect(data.customers[0].segment == "Customer - Direct")
        #expect(data.customers[0].region == "France")
        #expect(data.customers[0].channel == "Web")
    }

    @Test func stripeSubscriptionsExport() throws {
        let dir = FixtureDirectory()
        let path = dir.write("subscriptions.csv", """
        id,Customer ID,Customer Description,Customer Email,Plan,Product,Quantity,Interval,Amount,Status,Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Cancel At Period End,Ended At (UTC)
        sub_1,cus_A,Acme,a@acme.test,price_pro,Pro,3,month,49.00,active,2024-01-10 09:00,2024-01-10 09:00,2024-06-10 09:00,2024-07-10 09:00,,,,false,
        sub_2,cus_B,Globex,b@globex.test,price_team,Team,1,year,1188.00,canceled,2024-02-01 12:00,2024-02-01 12:00,2024-02-01 12:00,2025-02-01 12:00,,,2024-05-03 10:00,false,2024-05-03 10:00
        sub_3,cus_C,Initech,c@initech.test,price_pro,Pro,1,month,49.00,trialing,2024-03-01 08:00,2024-03-01 08:00,,,2024-03-01 08:00,2024-03-15 08:00,,false,
        sub_4,cus_D,Hooli,d@hooli.test,price_wk,Weekly,2,week,12.00,active,2024-03-04 08:00,2024-03-04 08:00,,,,,,false,

        """)
        let data = try DatasetLoader.load(InputFiles(subscriptions: path), options: IngestOptions(preset: .stripe))
        // 49 × 3 = 147; 1188 ÷ 12 = 99; trial 0; 12 × 2 × 52 ÷ 12 = 104.
        let weekly: Double = 12.0 * 2 * 52 / 12
        let expected: [Double] = [147, 99, 0, weekly]
        #expect(data.subscriptions.map(\.mrr) == expected)
        #expect(data.subscriptions[1].end == Day(iso: "2024-05-03"))
        #expect(data.subscriptions[2].isTrial)
        #expect(data.subscriptions[0].plan == "price_pro")
        // No customers file: customers come from the subscriptions.
        #expect(data.customers.map(\.id) == ["cus_A", "cus_B", "cus_C", "cus_D"])
    }

    @Test func stripeInvoicesExportNetsOutTax() throws {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", """
        id,Amount Due,Amount Paid,Currency,Customer,Customer Email,Date (UTC),Number,Paid,Status,Subscription,Subtotal,Tax,Total
        in_1,120.00,120.00,usd,cus_A,a@acme.test,2024-01-10 09:00,A-0001,true,paid,sub_1,100.00,20.00,120.00
        in_2,60.00,0.00,usd,cus_A,a@acme.test,2024-02-10 09:00,A-0002,false,void,sub_1,50.00,10.00,60.00
        in_3,60.00,60.00,usd,cus_B,b@globex.test,2024-02-11 09:00,A-0003,true,paid,sub_2,50.00,10.00,60.00

        """)
        let data = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions(preset: .stripe))
        // Total − Tax: 120 − 20 = 100, 60 − 10 = 50; the void invoice is not paid (excluded by rule).
        #expect(data.orders.map(\.amount) == [100, 50])
        #expect(skipCount(accounting(data, "orders"), "not_paid") == 1)
        #expect(accounting(data, "orders")?.rowsExcluded == 1)
        #expect(accounting(data, "orders")?.source == "Stripe invoices")
        #expect(data.currency == "USD")
    }

    @Test func stripePaymentsExportNetsOutRefunds() throws {
        let dir = FixtureDirectory()
        let path = dir.write("payments.csv", """
        id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,Card ID,Invoice ID
        ch_1,Pro,Payment complete.,2024-01-10 09:00,49.00,0.00,eur,49.00,0.00,1.72,0.00,eur,Paid,,cus_A,Acme,a@acme.test,true,card_1,in_1
        ch_2,Pro,Payment complete.,2024-02-10 09:00,49.00,9.00,eur,49.00,9.00,1.72,0.00,eur,Paid,,cus_A,Acme,a@acme.test,true,card_1,in_2
        ch_3,Pro,Card declined.,2024-03-10 09:00,49.00,0.00,eur,0.00,0.00,0.00,0.00,eur,Failed,,cus_A,Acme,a@acme.test,false,card_1,in_3

        """)
        let data = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions(preset: .stripe))
        #expect(data.orders.map(\.amount) == [49, 40])
        #expect(skipCount(accounting(data, "orders"), "not_paid") == 1)
        #expect(data.currency == "EUR")
    }

    @Test func zendeskTicketsExport() throws {
        let dir = FixtureDirectory()
        let customers = dir.write("customers.csv", "Customer ID,Company Name,Created Date\nC1,Acme,2024-01-01\n")
        let tickets = dir.write("tickets.csv", """
        Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,First resolution time in minutes
        101,Ann,9001,,ann@acme.test,acme.test,Ann,Bob,Support,Login broken,login,Solved,Urgent,Web form,Incident,2024-04-01 09:00,2024-04-01 12:00,2024-04-01 09:05,Acme,,2024-04-01 09:05,2024-04-01 12:00,3,Good,1,1,0,2,45,45,180
        102,Cy,9002,,cy@other.test,other.test,Cy,Bob,Support,Question,,Open,,Email,Question,2024-04-02 10:00,2024-04-02 10:00,,Other Co,,,,,Unoffered,1,1,0,0,,,

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, tickets: tickets), options: IngestOptions(preset: .zendesk))
        #expect(data.tickets.map(\.id) == ["101", "102"])
        // "Organization" Acme matches customer C1 by name; "Other Co" is unknown and kept.
        #expect(data.tickets.map(\.customer) == [0, nil])
        #expect(data.tickets[0].priority == .urgent)
        #expect(data.tickets[1].priority == .normal)
        #expect(data.tickets[0].status == "solved")
        // 45 minutes after creation.
        #expect(data.tickets[0].firstResponse!.secondsSince1970 - data.tickets[0].created.secondsSince1970 == 45 * 60)
        #expect(data.tickets[0].resolved!.secondsSince1970 - data.tickets[0].created.secondsSince1970 == 3 * 3600)
    }

    @Test func zendeskSatisfactionRatingsAreGoodBad() throws {
        let dir = FixtureDirectory()
        let path = dir.write("satisfaction.csv", """
        Ticket ID,Requester,Organization,Score,Comment,Created at
        101,Ann,Acme,good,"Quick, thanks",2024-04-02 10:00
        102,Cy,Other Co,bad,,2024-04-03 10:00
        103,Di,Acme,offered,,2024-04-04 10:00

        """)
        let data = try DatasetLoader.load(InputFiles(surveys: path), options: IngestOptions(preset: .zendesk))
        #expect(data.surveys.map(\.kind) == [.csatGoodBad, .csatGoodBad])
        #expect(data.surveys.map(\.score) == [1, 0])
        #expect(skipCount(accounting(data, "surveys"), "no_rating") == 1)
    }

    @Test func delightedExportIsNPS() throws {
        let dir = FixtureDirectory()
        let path = dir.write("delighted.csv", """
        Response ID,Email,Name,Score,Comment,Created At
        r1,a@acme.test,Ann,9,Love it,1712134800
        r2,b@globex.test,Bo,4,,1712221200

        """)
        let data = try DatasetLoader.load(InputFiles(surveys: path), options: IngestOptions(preset: .delighted))
        #expect(data.surveys.map(\.kind) == [.nps, .nps])
        #expect(data.surveys.map(\.score) == [9, 4])
        // 1712134800 = 2024-04-03T09:00:00Z.
        #expect(data.surveys[0].day == Day(iso: "2024-04-03"))
    }

    @Test func separateNPSAndCSATColumnsGiveOneResponseEach() throws {
        let dir = FixtureDirectory()
        let path = dir.write("survey-export.csv", "Customer ID,Date,NPS,CSAT\nC1,2024-04-01,8,4\nC2,2024-04-02,,5\n")
        let data = try DatasetLoader.load(InputFiles(surveys: path), options: IngestOptions())
        #expect(data.surveys.map(\.kind) == [.nps, .csat, .csat])
        #expect(data.surveys.map(\.score) == [8, 4, 5])
        #expect(accounting(data, "surveys")?.rowsUsed == 2)
    }

    @Test func surveyWithoutKindIsAnError() {
        let dir = FixtureDirectory()
        let path = dir.write("answers.csv", "Customer ID,Date,Score\nC1,2024-04-01,8\n")
        #expect(loadError(InputFiles(surveys: path)) == "\(path):1:1: error: cannot tell which survey each response answers; "
            + "add a column \"Survey\" (NPS, CSAT, CES), map one with --map surveys.kind=\"Your Header\", or use --preset delighted")
    }
}

@Suite struct ColumnMappingTests {
    @Test func overridesParse() throws {
        let m = try ColumnMapping().parse(override: "orders.amount = \"Net Total\"")
        #expect(m.header(for: .orders, "amount") == "Net Total")
        #expect(throws: ColumnMapping.Problem.malformedOverride("orders.amount")) { try ColumnMapping().parse(override: "orders.amount") }
        #expect(throws: ColumnMapping.Problem.unknownEntity("invoices")) { try ColumnMapping().parse(override: "invoices.amount=X") }
        #expect(throws: ColumnMapping.Problem.unknownField(entity: .orders, field: "price")) {
            try ColumnMapping().parse(override: "orders.price=X")
        }
        #expect(ColumnMapping.Problem.unknownField(entity: .orders, field: "price").description
                == "orders has no field \"price\"; its fields are id, customer, date, amount, tax, refunded, currency, status, plan, interval")
    }

    @Test func jsonConfigParses() throws {
        let m = try ColumnMapping.parse(json: Array(#"{"customers": {"id": "Account Number", "signup": "Joined"}, "orders": {"amount": "Net"}}"#.utf8))
        #expect(m.header(for: .customers, "id") == "Account Number")
        #expect(m.header(for: .customers, "signup") == "Joined")
        #expect(m.header(for: .orders, "amount") == "Net")
        #expect(throws: ColumnMapping.Problem.malformedJSON("it is not valid JSON")) { try ColumnMapping.parse(json: Array("{".utf8)) }
    }

    @Test func headersMatchIgnoringCaseSpacesAndUnderscores() throws {
        let r = try ColumnResolution.resolve(header: ["CUSTOMER_ID", "created-date", "companyname"], entity: .customers,
                                             mapping: ColumnMapping(), preset: nil)
        #expect(r["id"] == 0)
        #expect(r["signup"] == 1)
        #expect(r["name"] == 2)
    }

    @Test func sampleHeadersMapEveryColumn() throws {
        let cases: [(Entity, String, Int)] = [(.customers, SampleHeaders.customers, 13), (.subscriptions, SampleHeaders.subscriptions, 9),
                                              (.orders, SampleHeaders.invoices, 6), (.surveys, SampleHeaders.surveys, 6),
                                              (.tickets, SampleHeaders.tickets, 7)]
        for (entity, header, count) in cases {
            let names = header.split(separator: ",").map(String.init)
            let r = try ColumnResolution.resolve(header: names, entity: entity, mapping: ColumnMapping(), preset: nil)
            #expect(r.columns.count == count, "\(entity)")
        }
    }
}

@Suite struct InputFilesTests {
    @Test func discoversByNameAndByHeader() {
        let dir = FixtureDirectory()
        dir.write("customers-2024.csv", SampleHeaders.customers + "\n")
        dir.write("invoices.csv", SampleHeaders.invoices + "\n")
        dir.write("export (3).csv", SampleHeaders.tickets + "\n")
        dir.write("notes.md", "# not data\n")
        let files = InputFiles.discover(inDirectory: dir.path)
        #expect(files.customers == dir.path + "/customers-2024.csv")
        #expect(files.orders == dir.path + "/invoices.csv")
        #expect(files.tickets == dir.path + "/export (3).csv")
        #expect(files.subscriptions == nil)
        #expect(files.surveys == nil)
    }

    @Test func fileNamesSuggestEntities() {
        #expect(InputFiles.entity(forFileName: "NPS_responses.csv") == .surveys)
        #expect(InputFiles.entity(forFileName: "charges.csv") == .orders)
        #expect(InputFiles.entity(forFileName: "Subscriptions.csv") == .subscriptions)
        #expect(InputFiles.entity(forFileName: "accounts.csv") == .customers)
        #expect(InputFiles.entity(forFileName: "data.csv") == nil)
    }
}
