import Foundation
import Model
import Testing
@testable import Sample

/// The deliberately bad rows documented on `SampleExport`: present exactly once each with
/// messy rows on, absent with them off.
@Suite("Messy rows")
struct MessyRowsTests {
    func isTimestampVariant(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.count == 20 && b[10] == 0x54 && b[19] == 0x5A && Day(iso: String(text.prefix(10))) != nil
    }

    @Test func aFewCreatedDatesUseTheTimestampVariant() throws {
        let created = try standardSet.get().rows("customers.csv").map { $0[2] }
        let variants = created.filter(isTimestampVariant)
        // About 3 % of 400 = 12 expected; allow sampling noise.
        #expect(variants.count >= 4 && variants.count <= 25, "\(variants.count)")
        #expect(created.allSatisfy { isTimestampVariant($0) || Day(iso: $0) != nil })
        #expect(try cleanSet.get().rows("customers.csv").allSatisfy { Day(iso: $0[2]) != nil })
    }

    @Test func customersEndWithOneBlankLine() throws {
        let messy = try standardSet.get().files["customers.csv"]!
        #expect(messy.hasSuffix("\n\n") && !messy.hasSuffix("\n\n\n"))
        let clean = try cleanSet.get().files["customers.csv"]!
        #expect(clean.hasSuffix("\n") && !clean.hasSuffix("\n\n"))
    }

    @Test func oneSurveyNamesACustomerThatDoesNotExist() throws {
        let set = try standardSet.get()
        let ids = Set(set.rows("customers.csv").map { $0[0] })
        let strays = set.rows("surveys.csv").filter { !ids.contains($0[1]) }
        // 400 customers → the next id, C000401; dated endDay − 30 = 2026-10-21, 10:00.
        #expect(strays.map { Array($0.dropFirst()) } == [["C000401", "2026-10-21 10:00:00", "NPS", "7", ""]])
        #expect(SampleExport.unknownCustomerID(customers: 400) == "C000401")
        let clean = try cleanSet.get()
        #expect(clean.rows("surveys.csv").allSatisfy { ids.contains($0[1]) })
    }

    @Test func oneInvoiceHasAnUnparseableDateAndOneIdIsDuplicated() throws {
        let set = try standardSet.get()
        let invoices = set.rows("invoices.csv")
        let badDates = invoices.filter { Day(iso: $0[2]) == nil }
        #expect(badDates.count == 1)
        #expect(badDates.first?[1] == "C000001" && badDates.first?[2] == "31/02/2024")
        #expect(badDates.first.map { Array($0.suffix(2)) } == ["USD", "paid"])

        var seen: [String: [[String]]] = [:]
        for row in invoices { seen[row[0], default: []].append(row) }
        let duplicated = seen.filter { $0.value.count > 1 }
        #expect(duplicated.keys.sorted() == ["INV-00000001"])
        if let copies = duplicated["INV-00000001"] {
            #expect(copies.count == 2 && copies[0] == copies[1])
        }
        // The bad-date row and the copy come right after the first customer's own invoices.
        let firstOthers = invoices.firstIndex { $0[1] != "C000001" } ?? invoices.count
        #expect(invoices[firstOthers - 2][2] == "31/02/2024")
        #expect(invoices[firstOthers - 1] == invoices[0])
    }

    @Test func cleanSetHasNoBadInvoices() throws {
        let invoices = try cleanSet.get().rows("invoices.csv")
        #expect(invoices.allSatisfy { Day(iso: $0[2]) != nil })
        #expect(Set(invoices.map { $0[0] }).count == invoices.count)
    }

    @Test func lineBreaksOccurOnlyInQuotedCommentsAndOnlyWhenMessy() throws {
        let set = try standardSet.get()
        for (name, _) in set.tables {
            for row in set.rows(name) {
                for (column, value) in row.enumerated() where value.contains("\n") {
                    #expect(name == "surveys.csv" && column == 5, "\(name) column \(column)")
                    #expect(value == "Export keeps timing out.\nPlease fix before our renewal")
                }
            }
        }
        #expect(set.files["surveys.csv"]!.contains(",\"Export keeps timing out.\nPlease fix before our renewal\"\n"))
        let clean = try cleanSet.get()
        #expect(clean.tables.values.allSatisfy { table in table.allSatisfy { row in row.allSatisfy { !$0.contains("\n") } } })
    }

    @Test func exactlyThreeRowsAreBadInTheStrictSense() throws {
        // Bad = a survey naming an unknown customer, an invoice with an unparseable date, or a
        // repeated invoice id: 1 + 1 + 1. Timestamp-variant dates, quoted fields and the
        // blank line are format variations, not bad rows.
        let set = try standardSet.get()
        let ids = Set(set.rows("customers.csv").map { $0[0] })
        var bad = set.rows("surveys.csv").filter { !ids.contains($0[1]) }.count
        bad += set.rows("invoices.csv").filter { Day(iso: $0[2]) == nil }.count
        var seen = Set<String>()
        for row in set.rows("invoices.csv") where !seen.insert(row[0]).inserted { bad += 1 }
        #expect(bad == 3)
    }
}

@Suite("Messy rows are the only difference")
struct MessyDifferenceTests {
    @Test func cleanAndMessySetsDifferOnlyInTheDocumentedRows() throws {
        let messy = try standardSet.get(), clean = try cleanSet.get()
        // customers.csv: same records except the Created Date variant (date part equal).
        let messyCustomers = messy.rows("customers.csv"), cleanCustomers = clean.rows("customers.csv")
        #expect(messyCustomers.count == cleanCustomers.count)
        for (m, c) in zip(messyCustomers, cleanCustomers) {
            var m = m
            m[2] = String(m[2].prefix(10))
            #expect(m == c)
        }
        #expect(messy.files["subscriptions.csv"] == clean.files["subscriptions.csv"])
        #expect(messy.files["tickets.csv"] == clean.files["tickets.csv"])
        // invoices.csv: the messy file is the clean one with two rows inserted; ids after them
        // shift by one because the bad-date row takes the next id.
        var messyInvoices = messy.rows("invoices.csv")
        let badIndex = try #require(messyInvoices.firstIndex { $0[2] == "31/02/2024" })
        messyInvoices.removeSubrange(badIndex...(badIndex + 1))
        let cleanInvoices = clean.rows("invoices.csv")
        #expect(messyInvoices.map { Array($0.dropFirst()) } == cleanInvoices.map { Array($0.dropFirst()) })
        // surveys.csv: one extra row; comments equal up to the line break; ids shift by one.
        let messySurveys = messy.rows("surveys.csv").filter { $0[1] != "C000401" }
            .map { row in Array(row.dropFirst()).map { $0.replacingOccurrences(of: "\n", with: " ") } }
        #expect(messySurveys == clean.rows("surveys.csv").map { Array($0.dropFirst()) })
    }

    @Test func leavingOutInvoicesChangesNoOtherFile() throws {
        let with = try temporaryDirectory("with-invoices"), without = try temporaryDirectory("without-invoices")
        defer { removeDirectory(with); removeDirectory(without) }
        var options = SampleOptions(customers: 60, seed: 5)
        _ = try SampleExport.write(to: with, options: options)
        options.invoices = false
        _ = try SampleExport.write(to: without, options: options)
        for name in ["customers.csv", "subscriptions.csv", "surveys.csv", "tickets.csv"] {
            let a = try String(contentsOfFile: with + "/" + name, encoding: .utf8)
            let b = try String(contentsOfFile: without + "/" + name, encoding: .utf8)
            #expect(a == b, "\(name)")
        }
    }
}

@Suite("Bad rows in the summary")
struct SampleBadRowSummaryTests {
    @Test func summaryListsTheThreeBadRowsWhereTheyAre() throws {
        let directory = try temporaryDirectory("bad-rows")
        defer { removeDirectory(directory) }
        let summary = try SampleExport.write(to: directory, options: SampleOptions(customers: 50, seed: 11))
        let set = try GeneratedSet(directory: directory)
        #expect(summary.badRows.map(\.problem) == ["unknown customer", "unparseable date", "duplicate invoice id"])
        for bad in summary.badRows {
            let header = set.header(bad.file)
            let row = set.rows(bad.file)[bad.record - 1]
            let column = try #require(header.firstIndex(of: bad.column))
            #expect(row[0] == bad.id)
            #expect(row[column] == bad.value)
        }
        #expect(summary.badRows[0].value == "C000051")
        #expect(summary.badRows[2].id == "INV-00000001")

        let clean = try SampleExport.write(to: directory, options: SampleOptions(customers: 50, seed: 11, messyRows: false))
        #expect(clean.badRows.isEmpty)
    }
}
