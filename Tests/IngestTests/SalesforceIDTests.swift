import Testing
import Model
@testable import Ingest

@Suite struct SalesforceIDTests {
    /// Worked by hand: blocks of 5, character k of a block adds 2^k when upper case,
    /// sum → "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[sum].
    @Test func checksumFollowsTheCaseOfEachBlockOfFive() {
        // "00150" → 0 → A; "00000" → 0 → A; "Gv7qJ": G 2^0 + J 2^4 = 17 → R.
        #expect(SalesforceID.caseSafe("0015000000Gv7qJ") == "0015000000Gv7qJAAR")
        // "a0BA0": B 2^2 + A 2^3 = 12 → M; "00000" → A; "0L2ZC": L 2 + Z 8 + C 16 = 26 → "0".
        #expect(SalesforceID.caseSafe("a0BA0000000L2ZC") == "a0BA0000000L2ZCMA0")
        // "AAaAA": 1+2+8+16 = 27 → "1"; "bbBBB": 4+8+16 = 28 → "2"; "CcCCC": 1+4+8+16 = 29 → "3".
        #expect(SalesforceID.caseSafe("AAaAAbbBBBCcCCC") == "AAaAAbbBBBCcCCC123")
        // All upper case: 31 in every block → "5".
        #expect(SalesforceID.caseSafe("ABCDEFGHIJKLMNO") == "ABCDEFGHIJKLMNO555")
    }

    @Test func eighteenCharactersBecomeFifteenOnlyWithTheValidChecksum() {
        #expect(SalesforceID.canonical(Array("0015000000Gv7qJAAR".utf8)) == "0015000000Gv7qJ")
        #expect(SalesforceID.canonical(Array("0015000000Gv7qJaar".utf8)) == "0015000000Gv7qJ")  // suffix ignores case
        #expect(SalesforceID.canonical(Array("0015000000Gv7qJ".utf8)) == "0015000000Gv7qJ")
        // Wrong suffix (AAS): not the same record, not normalised.
        #expect(SalesforceID.canonical(Array("0015000000Gv7qJAAS".utf8)) == nil)
        // Not Salesforce-shaped: wrong length, punctuation.
        #expect(SalesforceID.canonical(Array("cus_NffrFeUfNV2Hib".utf8)) == nil)
        #expect(SalesforceID.canonical(Array("0015000000Gv7q".utf8)) == nil)
        #expect(SalesforceID.caseSafe("0015000000Gv7q-") == nil)
    }

    @Test func reportAndDataLoaderIdsOfTheSameAccountJoin() throws {
        let dir = FixtureDirectory()
        // Data Loader extract (18 characters) and report export (15 characters) of the same two accounts.
        let customers = dir.write("customers.csv", """
        Account ID,Account Name,Created Date
        0015000000Gv7qJAAR,Acme,2024-01-01
        a0BA0000000L2ZCMA0,Globex,2024-01-01

        """)
        let orders = dir.write("orders.csv", """
        Opportunity ID,Account ID,Close Date,Amount,Stage
        O1,0015000000Gv7qJ,2024-02-01,100,Closed Won
        O2,a0BA0000000L2ZC,2024-02-01,200,Closed Won
        O3,a0BA0000000L2ZCMA0,2024-03-01,300,Closed Won

        """)
        let data = try DatasetLoader.load(InputFiles(customers: customers, orders: orders),
                                          options: IngestOptions(preset: .salesforce))
        #expect(data.orders.map(\.customer) == [0, 1, 1])
        let join = try #require(accounting(data, "orders")?.join)
        #expect(join.matched == [.salesforceID: 2, .id: 1])
        #expect(join.description == "customers matched by column \"Account ID\": 3 of 3 rows (100.0 %): "
            + "2 by Salesforce id (15/18 characters), 1 by id")
    }

    @Test func fifteenCharacterCustomersMatchEighteenCharacterRows() throws {
        let dir = FixtureDirectory()
        let customers = dir.write("customers.csv", "Account ID,Account Name,Created Date\n0015000000Gv7qJ,Acme,2024-01-01\n")
        let tickets = dir.write("extract-Case.csv", """
        CaseNumber,AccountId,CreatedDate
        00001001,0015000000Gv7qJAAR,2024-02-01
        00001002,0015000000GV7QJAAR,2024-02-01
        00001003,0015000000Gv7qJ,2024-02-01

        """)
        var options = IngestOptions(preset: .salesforce)
        try options.addMapping("customers.signup=Created Date")
        let data = try DatasetLoader.load(InputFiles(customers: customers, tickets: tickets), options: options)
        // Row 2 is another record: upper-casing changes the 15 characters, so its suffix is not their checksum
        // (0015000000GV7QJ → blocks 0, GV7QJ = 1+2+8+16 = 27 → "1": suffix would be "AA1", not "AAR").
        #expect(data.tickets.map(\.customer) == [0, nil, 0])
        #expect(accounting(data, "tickets")?.join?.matched == [.salesforceID: 1, .id: 1])
    }

    @Test func bothFormsOfOneRecordInOneCustomersFileAreOneCustomer() throws {
        let dir = FixtureDirectory()
        // A customers file pasted together from a report export (15 characters) and a Data
        // Loader extract (18): Acme and Globex appear in both forms.
        let customers = dir.write("customers.csv", """
        Account ID,Account Name,Created Date
        0015000000Gv7qJ,Acme,2024-01-01
        a0BA0000000L2ZCMA0,Globex,2024-01-02
        0015000000Gv7qJAAR,Acme Corp,2024-01-01
        a0BA0000000L2ZC,Globex,2024-01-02
        0015000000GV7QJAA1,Other record,2024-01-03

        """)
        let orders = dir.write("orders.csv", """
        Opportunity ID,Account ID,Close Date,Amount,Stage
        O1,0015000000Gv7qJAAR,2024-02-01,100,Closed Won
        O2,a0BA0000000L2ZC,2024-02-01,200,Closed Won
        O3,0015000000GV7QJAA1,2024-03-01,300,Closed Won

        """)
        var options = IngestOptions(preset: .salesforce)
        try options.addMapping("customers.signup=Created Date")
        let data = try DatasetLoader.load(InputFiles(customers: customers, orders: orders), options: options)
        // Rows 4 and 5 repeat rows 2 and 3 in the other form (0015000000Gv7qJ + AAR, the checksum
        // worked out in checksumFollowsTheCaseOfEachBlockOfFive; a0BA0000000L2ZC + MA0): skipped,
        // the first form kept. Row 6 differs in case within the 15 characters (GV7QJ: G 1 + V 2 +
        // Q 8 + J 16 = 27 → "1", suffix AA1): another record, another customer.
        #expect(data.customers.map(\.id) == ["0015000000Gv7qJ", "a0BA0000000L2ZCMA0", "0015000000GV7QJAA1"])
        #expect(data.customers.map(\.name) == ["Acme", "Globex", "Other record"])
        let file = try #require(accounting(data, "customers"))
        #expect(skipCount(file, "duplicate_id") == 2)
        #expect(file.skipped.first { $0.reason == "duplicate_id" }?.examples.map(\.description) == [
            "4:1: customer id \"0015000000Gv7qJAAR\" is Salesforce record \"0015000000Gv7qJ\" of an earlier row "
                + "(15- and 18-character forms of one id); the first row is kept",
            "5:1: customer id \"a0BA0000000L2ZC\" is Salesforce record \"a0BA0000000L2ZCMA0\" of an earlier row "
                + "(15- and 18-character forms of one id); the first row is kept",
        ])
        // Each order joins its customer whichever form it uses.
        #expect(data.orders.map(\.customer) == [0, 1, 2])
    }
}
