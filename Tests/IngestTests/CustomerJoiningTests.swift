import Foundation
import Testing
import Model
@testable import Ingest

@Suite struct CustomerJoiningTests {
    @Test func companyNamesLoseCasePunctuationAndLegalForms() {
        #expect(CompanyName.key("Acme, Inc.") == "acme")
        #expect(CompanyName.key("ACME INC") == "acme")
        #expect(CompanyName.key("Acme L.L.C.") == "acme")
        #expect(CompanyName.key("The Acme Company Ltd") == "acme")
        #expect(CompanyName.key("Müller GmbH & Co. KG") == "muller")
        #expect(CompanyName.key("Globex Holdings GmbH") == "globex holdings")
        #expect(CompanyName.key("O'Brien & Sons") == "obrien and sons")
        // Only legal words: kept whole, never empty.
        #expect(CompanyName.key("Company Inc") == "company inc")
        #expect(CompanyName.key("  ,. ") == nil)
    }

    func foundationFolded(_ name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
    }

    @Test func namesFoldedToASCIIGetTheKeyOfTheWordPath() {
        // Latin names whose folding is ASCII take the byte path after folding; it must give
        // what the Unicode word path gives on Foundation's folding.
        let names = ["Chloé Müller", "Société Générale S.A.", "Straße AG", "Ærø Œuvre", "Łódź Sp. z o.o.",
                     "Ça & Là", "ÀÉÎÕÜ Inc", "Crème Brûlée Co", "İzmir Ltd", "Ñandú S.R.L."]
        for name in names {
            #expect(CompanyName.foldedKey(name) == CompanyName.wordKey(foundationFolded(name)), "\(name)")
        }
        #expect(CompanyName.key("Société Générale S.A.") == "societe generale")
        #expect(CompanyName.key("Ça & Là") == "ca and la")
        // Ł keeps its stroke (not ASCII: the word path); "oo" is no legal form, so nothing is dropped.
        #expect(CompanyName.key("Łódź Sp. z o.o.") == "łodz sp z oo")
    }

    @Test func asciiNamesGetTheKeyOfTheFoldingPath() {
        // The byte path must give what Foundation's folding path gives for every ASCII name.
        let names = ["Acme, Inc.", "ACME INC", "Acme L.L.C.", "The Acme Company Ltd", "O'Brien & Sons", "Company Inc",
                     "  ,. ", "the", "The", "The Inc", "Inc The", "A+B Co", "&", "& Co", "and co", "Nadia Berg",
                     "  Globex   Holdings--GmbH  ", "X.Y.Z. & and inc ltd", "the the acme", "3M Company", "AT&T Inc.",
                     "co co co", "Smith & Co & Sons", "_under_score_", "Tab\tSeparated\nName"]
        for name in names {
            #expect(CompanyName.asciiKey(name) == CompanyName.wordKey(foundationFolded(name)), "\(name)")
            #expect(CompanyName.foldedKey(name) == CompanyName.wordKey(foundationFolded(name)), "\(name)")
        }
        #expect(CompanyName.key("AT&T Inc.") == "at and t")
        #expect(CompanyName.key("A+B Co") == "a and b")
        #expect(CompanyName.key("& Co") == "and")  // "co" dropped, "and" alone is no legal form
    }

    @Test func emailAddressesAndDomains() {
        #expect(EmailAddress.normalised("  Pat <PAT@Acme.COM> ") == "pat@acme.com")
        #expect(EmailAddress.normalised("mailto:ops@acme.com") == "ops@acme.com")
        #expect(EmailAddress.normalised("acme.com") == nil)
        #expect(EmailAddress.normalised("a@b@c.com") == nil)
        #expect(EmailAddress.normalised("a@localhost") == nil)
        #expect(EmailAddress.domain(ofWebsite: "https://www.Acme.com/about?x=1") == "acme.com")
        #expect(EmailAddress.domain(ofWebsite: "umbrella.co.uk:8080") == "umbrella.co.uk")
        #expect(EmailAddress.domain(ofWebsite: "Acme Inc.") == nil)
        #expect(EmailAddress.domain(ofWebsite: "12.50") == nil)
    }

    func customersFile(_ dir: FixtureDirectory) -> String {
        dir.write("customers.csv", """
        Customer ID,Company Name,Created Date,Email,Website
        0015000000Gv7qJAAR,"Acme, Inc.",2024-01-01,billing@acme.com,https://www.acme.com
        cus_Globex,Globex GmbH,2024-01-01,ap@globex.de,
        C3,Initech LLC,2024-01-01,pat@gmail.com,
        C4,Umbrella Ltd,2024-01-01,,umbrella.co.uk
        C5,Hooli,2024-01-01,a@hooli.com,
        C6,Hooli,2024-01-01,b@hooli.com,

        """)
    }

    /// Each row matches by the first method that works; one free-mail address matches nobody.
    @Test func rowsMatchByIdEmailDomainOrCompanyName() throws {
        let dir = FixtureDirectory()
        let customers = customersFile(dir)
        let orders = dir.write("orders.csv", """
        Order ID,Customer,Date,Amount
        O1,0015000000Gv7qJ,2024-02-01,10
        O2,cus_Globex,2024-02-01,10
        O3,ACME INC,2024-02-01,10
        O4,someone@globex.de,2024-02-01,10
        O5,PAT@gmail.com,2024-02-01,10
        O6,jo@gmail.com,2024-02-01,10
        O7,initech,2024-02-01,10
        O8,www.umbrella.co.uk,2024-02-01,10

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, orders: orders), options: IngestOptions())
        // O1 Salesforce 15 → C1 (0); O2 id → 1; O3 name → 0; O4 domain → 1; O5 e-mail → 2; O7 name → 2; O8 domain → 3.
        // Grouped by customer: O1, O3 (0); O2, O4 (1); O5, O7 (2); O8 (3).
        #expect(data.orders.map(\.customer) == [0, 0, 1, 1, 2, 2, 3])
        let input = try #require(accounting(data, "orders"))
        #expect(skipCount(input, "unknown_customer") == 1)
        let join = try #require(input.join)
        #expect(join.customersPath == customers)
        #expect(join.rowsWithKey == 8)
        #expect(join.matched == [.salesforceID: 1, .id: 1, .companyName: 2, .emailDomain: 2, .email: 1])
        // 7 ÷ 8 = 87.5 %.
        #expect(join.description == "customers matched by column \"Customer\": 7 of 8 rows (87.5 %): 2 by e-mail domain, "
            + "2 by company name, 1 by id, 1 by Salesforce id (15/18 characters), 1 by e-mail")
    }

    /// Two customers named "Hooli" share the name and the domain hooli.com: neither key is used.
    @Test func sharedNamesAndDomainsMatchNobody() throws {
        let dir = FixtureDirectory()
        let customers = customersFile(dir)
        let tickets = dir.write("tickets.csv", """
        Ticket ID,Organization,Created At
        T1,Hooli,2024-02-01
        T2,x@hooli.com,2024-02-01
        T3,b@hooli.com,2024-02-01
        T4,Acme,2024-02-01
        T5,Globex,2024-02-01

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, tickets: tickets), options: IngestOptions())
        // T1: "hooli" is exactly the (lower-cased) name of C5, the first of the two: kept as before.
        // T2: hooli.com is shared → none. T3: exact e-mail of C6. T4, T5: names.
        #expect(data.tickets.map(\.customer) == [4, nil, 5, 0, 1])
        #expect(accounting(data, "tickets")?.join?.matched == [.companyName: 3, .email: 1])
    }

    /// Delighted names people: its `Email` matches the customers' e-mails where `Person ID` matches nothing.
    @Test func theKeyColumnIsTheOneThatMatches() throws {
        let dir = FixtureDirectory()
        let customers = customersFile(dir)
        let surveys = dir.write("nps.csv", """
        Response ID,Person ID,Email,Score,Comment,Created At
        r1,p-9001,billing@acme.com,9,,2024-03-01
        r2,p-9002,ap@globex.de,6,,2024-03-02
        r3,p-9003,pat@gmail.com,10,,2024-03-03

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, surveys: surveys),
                                          options: IngestOptions(preset: .delighted))
        #expect(data.surveys.map(\.customer) == [0, 1, 2])
        let join = try #require(accounting(data, "surveys")?.join)
        #expect(join.column == "Email")
        #expect(join.matched == [.email: 3])
    }

    /// Shopify orders name the customer by e-mail only: the e-mail column is the key.
    @Test func ordersWithoutACustomerIdColumnJoinByEmail() throws {
        let dir = FixtureDirectory()
        let customers = customersFile(dir)
        let orders = dir.write("orders_export_1.csv", """
        Name,Email,Financial Status,Created at,Total,Currency
        #1001,billing@acme.com,paid,2024-03-01 10:00:00 +0000,120.00,USD
        #1002,ap@globex.de,paid,2024-03-02 10:00:00 +0000,80.00,USD

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, orders: orders), options: IngestOptions())
        #expect(data.orders.map(\.customer) == [0, 1])
        #expect(data.orders.map(\.amount) == [120, 80])
        #expect(accounting(data, "orders")?.join?.column == "Email")
    }

    /// Fewer than half of the rows match: an error naming both key columns and three examples.
    @Test func aMostlyUnmatchedFileIsAnError() {
        let dir = FixtureDirectory()
        let customers = customersFile(dir)
        let tickets = dir.write("tickets.csv", """
        Ticket ID,Customer ID,Created At
        T1,C3,2024-02-01
        T2,Z-1,2024-02-01
        T3,Z-2,2024-02-01
        T4,Z-2,2024-02-01
        T5,Z-3,2024-02-01
        T6,Z-4,2024-02-01

        """)
        // 1 of 6 rows = 16.7 %; examples are distinct keys in file order.
        #expect(loadError(InputFiles(customers: customers, tickets: tickets)) == "\(tickets):1:11: error: only 1 of its 6 rows "
            + "(16.7 %) name a customer of \(customers): its column \"Customer ID\" was matched against \"Customer ID\" (ids), "
            + "\"Email\" (e-mails and their domains), \"Website\" (domains), \"Company Name\" (company names); "
            + "unmatched: \"Z-1\" (line 3), \"Z-2\" (line 4), \"Z-3\" (line 6). The files may come from systems that share "
            + "no key: export the customers with a column both files have (id, e-mail, domain or company name), or choose "
            + "the key with --map tickets.customer=\"Your Header\"")
    }

    @Test func aFileThatMatchesNoCustomerIsAnError() {
        let dir = FixtureDirectory()
        let customers = customersFile(dir)
        let orders = dir.write("invoices.csv", "Invoice ID,Customer ID,Date,Amount\nI1,X1,2024-01-01,5\nI2,X2,2024-01-02,5\n")
        let message = loadError(InputFiles(customers: customers, orders: orders)) ?? ""
        #expect(message.hasPrefix("\(orders):1:12: error: none of its 2 rows names a customer of \(customers): "
            + "its column \"Customer ID\" was matched against"))
        #expect(message.contains("unmatched: \"X1\" (line 2), \"X2\" (line 3)."))
    }

    /// Exactly half matched is enough (the rule is "fewer than half" fails); the rate is kept.
    @Test func halfMatchedIsKeptWithItsRate() throws {
        let dir = FixtureDirectory()
        let customers = customersFile(dir)
        let orders = dir.write("invoices.csv", "Invoice ID,Customer ID,Date,Amount\nI1,C3,2024-01-01,5\nI2,X2,2024-01-02,5\n")
        let data = try DatasetLoader.load(InputFiles(customers: customers, orders: orders), options: IngestOptions())
        #expect(accounting(data, "orders")?.join?.rate == 0.5)
        #expect(accounting(data, "orders")?.join?.isByIDOnly == true)
        #expect(skipCount(accounting(data, "orders"), "unknown_customer") == 1)
    }
}

@Suite struct CustomerJoiningKeyColumnTests {
    /// HubSpot contacts name their company by id; their `Email` matches no customer and must not
    /// replace the company link (it matches nothing, so it cannot match more).
    @Test func aColumnMatchingNothingNeverReplacesTheCustomerColumn() throws {
        let dir = FixtureDirectory()
        let customers = dir.write("customers.csv", "Record ID,Company name,Create Date\n101,Acme Corp,2022-03-01\n102,Globex,2022-05-10\n")
        let surveys = dir.write("nps.csv", """
        Record ID,Email,Company ID,Last NPS survey rating,Last NPS survey date
        501,a01@acme.example,101,10,2024-06-03
        503,g01@globex.example,102,9,2024-06-05

        """)
        var options = IngestOptions()
        try options.addMapping("surveys.score=Last NPS survey rating")
        try options.addMapping("surveys.date=Last NPS survey date")
        let data = try DatasetLoader.load(InputFiles(customers: customers, surveys: surveys), options: options)
        #expect(data.surveys.map(\.customer) == [0, 1])
        #expect(accounting(data, "surveys")?.join?.column == "Company ID")
    }

    /// Where no column is the customer column and no candidate matches, the file keeps no key.
    @Test func noKeyColumnMeansNoJoin() throws {
        let dir = FixtureDirectory()
        let customers = dir.write("customers.csv", "Record ID,Company name,Create Date\n101,Acme Corp,2022-03-01\n")
        let surveys = dir.write("nps.csv", "Response,Email,Score,Date\nr1,x@y.example,9,2024-06-03\n")
        let data = try DatasetLoader.load(InputFiles(customers: customers, surveys: surveys), options: IngestOptions())
        #expect(data.surveys.map(\.customer) == [nil])
        #expect(accounting(data, "surveys")?.join == nil)
    }
}

@Suite struct CustomerJoiningRepeatTests {
    /// Keys resolved once are remembered per file: repeated keys count every row.
    @Test func repeatedKeysCountEveryRow() throws {
        let dir = FixtureDirectory()
        let customers = dir.write("customers.csv", "Customer ID,Company Name,Created Date,Email\nC1,Acme,2024-01-01,billing@acme.com\nC2,Globex,2024-01-01,ap@globex.de\n")
        let orders = dir.write("orders.csv", """
        Order,Email,Date,Amount
        1,billing@acme.com,2024-02-01,10
        2,billing@acme.com,2024-02-02,10
        3,nobody@x.example,2024-02-03,10
        4,ap@globex.de,2024-02-04,10
        5,nobody@x.example,2024-02-05,10

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, orders: orders), options: IngestOptions())
        #expect(data.orders.map(\.customer) == [0, 0, 1])
        let input = try #require(accounting(data, "orders"))
        // 3 of 5 = 60 %; the unmatched key appears once among the examples.
        #expect(input.join?.matched == [.email: 3])
        #expect(input.join?.rowsWithKey == 5)
        #expect(skipCount(input, "unknown_customer") == 2)
    }
}

@Suite struct CustomerJoiningNameTableTests {
    /// The name tables are made once per distinct name (by its bytes), and every customer still
    /// counts: a name two customers bear (same bytes) or two names with one company key (other
    /// bytes) match nobody by that key; the exact lower-cased name keeps its first customer.
    @Test func namesSharedByBytesOrByKeyMatchNobodyAndExactNamesKeepTheFirst() throws {
        let dir = FixtureDirectory()
        let customers = dir.write("customers.csv", """
        Customer ID,Company Name,Created Date
        C1,Hooli,2024-01-01
        C2,Hooli,2024-01-01
        C3,Acme Inc,2024-01-01
        C4,ACME,2024-01-01
        C5,Globex GmbH,2024-01-01
        C6,globex gmbh,2024-01-01
        C7,Umbrella Ltd,2024-01-01

        """)
        let tickets = dir.write("tickets.csv", """
        Ticket ID,Organization,Created At
        T1,Hooli Inc,2024-02-01
        T2,Acme Corp,2024-02-01
        T3,GLOBEX GMBH,2024-02-01
        T4,globex,2024-02-01
        T5,Umbrella,2024-02-01
        T6,umbrella ltd,2024-02-01
        T7,C1,2024-02-01

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, tickets: tickets), options: IngestOptions())
        // T1: key "hooli", C1 and C2 → none. T2: key "acme", C3 and C4 → none. T3: exactly the
        // lower-cased name of C5 and C6 → C5, the first (4). T4: key "globex", C5 and C6 → none.
        // T5: key "umbrella" → C7 (6). T6: exact name of C7. T7: id of C1 (0).
        #expect(data.tickets.map(\.customer) == [nil, nil, 4, nil, 6, 6, 0])
        let join = try #require(accounting(data, "tickets")?.join)
        #expect(join.matched == [.companyName: 3, .id: 1])
        #expect(join.rowsWithKey == 7)
    }

    /// Text without a dot is no web domain (a plain id, looked up for every unmatched row).
    @Test func textWithoutADotIsNoDomain() {
        #expect(EmailAddress.domain(ofWebsite: "CUST-0004733") == nil)
        #expect(EmailAddress.domain(ofWebsite: " https://Acme/about ") == nil)
        #expect(EmailAddress.domain(ofWebsite: " https://Acme.io/about ") == "acme.io")
    }
}
