import Testing
import Model
@testable import Ingest

@Suite struct InputChoiceTests {
    @Test func datesAreReadFromTheFileNameOnly() {
        #expect(InputChoice.date(inName: "in/customers-2024-11-25.csv") == Day(iso: "2024-11-25"))
        #expect(InputChoice.date(inName: "in/customers_20241118.csv") == Day(iso: "2024-11-18"))
        #expect(InputChoice.date(inName: "in/export_2024_02_29_v2.csv") == Day(iso: "2024-02-29"))
        #expect(InputChoice.date(inName: "in/customers-2019-old.csv") == nil)      // a year is not a date
        #expect(InputChoice.date(inName: "in/customers-2024-13-01.csv") == nil)    // no month 13
        #expect(InputChoice.date(inName: "in/customers-2024-11_25.csv") == nil)    // mixed separators
        #expect(InputChoice.date(inName: "in/customers-202411250.csv") == nil)     // part of a longer number
        #expect(InputChoice.date(inName: "2024-11-25/customers.csv") == nil)       // the folder does not count
    }

    @Test func theNewestDatedFileWinsWithANote() throws {
        let choice = try InputChoice.resolve([("in/customers-2024-11-18.csv", .customers), ("in/customers-2024-11-25.csv", .customers),
                                              ("in/invoices.csv", .orders)])
        #expect(choice.chosen == [.customers: "in/customers-2024-11-25.csv", .orders: "in/invoices.csv"])
        #expect(choice.notes == ["customers: using in/customers-2024-11-25.csv, the newest by the date in its name; "
            + "not used: in/customers-2024-11-18.csv"])
    }

    @Test func withoutADateInEveryNameTheChoiceIsAnErrorNamingBoth() {
        #expect(throws: IngestError.ambiguousInputs(entity: .customers, paths: ["in/customers-2019-old.csv", "in/customers.csv"])) {
            try InputChoice.resolve([("in/customers-2019-old.csv", .customers), ("in/customers.csv", .customers)])
        }
        #expect(IngestError.ambiguousInputs(entity: .customers, paths: ["in/customers-2019-old.csv", "in/customers.csv"]).description
            == "error: 2 files in the input folder hold customers: in/customers-2019-old.csv, in/customers.csv; keep one, "
                + "or name the one to use with --customers FILE (when every name carries a date such as 2024-11-25, the newest is used)")
        // Two files with the same newest date are just as ambiguous.
        #expect(throws: IngestError.self) {
            try InputChoice.resolve([("a/orders-20241125.csv", .orders), ("a/invoices-2024-11-25.csv", .orders)])
        }
    }
}
