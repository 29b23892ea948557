import Foundation
import Model
import Testing
@testable import Sample

/// The set most tests read: 400 customers over the default 30 months, messy rows on.
let standardOptions = SampleOptions(customers: 400, seed: 7)
let standardSet: Result<GeneratedSet, any Error> = Result {
    let directory = try temporaryDirectory("standard")
    _ = try SampleExport.write(to: directory, options: standardOptions)
    return try GeneratedSet(directory: directory)
}

let cleanSet: Result<GeneratedSet, any Error> = Result {
    let directory = try temporaryDirectory("clean")
    var options = standardOptions
    options.messyRows = false
    _ = try SampleExport.write(to: directory, options: options)
    return try GeneratedSet(directory: directory)
}

@Suite("Sample export")
struct SampleExportTests {
    @Test func writesTheExactHeadersIngestDetects() throws {
        let set = try standardSet.get()
        #expect(set.files["customers.csv"]?.hasPrefix("Customer ID,Company Name,Created Date,Plan,Segment,Region,Acquisition Channel,Account Owner,Status,Cancellation Date,Churn Reason,Churn Type,Last Login\n") == true)
        #expect(set.files["subscriptions.csv"]?.hasPrefix("Subscription ID,Customer ID,Plan,Billing Interval,Amount,Currency,Start Date,Canceled At,Status\n") == true)
        #expect(set.files["invoices.csv"]?.hasPrefix("Invoice ID,Customer ID,Date,Amount,Currency,Status\n") == true)
        #expect(set.files["surveys.csv"]?.hasPrefix("Response ID,Customer ID,Submitted At,Survey,Score,Comment\n") == true)
        #expect(set.files["tickets.csv"]?.hasPrefix("Ticket ID,Customer ID,Created At,First Response At,Solved At,Priority,Status\n") == true)
    }

    @Test func sameOptionsGiveByteIdenticalFilesAndAnotherSeedDiffers() throws {
        let options = SampleOptions(customers: 120, seed: 99)
        let a = try temporaryDirectory("det-a"), b = try temporaryDirectory("det-b"), c = try temporaryDirectory("det-c")
        defer { removeDirectory(a); removeDirectory(b); removeDirectory(c) }
        let summaryA = try SampleExport.write(to: a, options: options)
        let summaryB = try SampleExport.write(to: b, options: options)
        var other = options
        other.seed = 100
        _ = try SampleExport.write(to: c, options: other)
        #expect(summaryA == summaryB)
        for file in summaryA.files {
            let bytesA = try Data(contentsOf: URL(fileURLWithPath: a + "/" + file.name))
            let bytesB = try Data(contentsOf: URL(fileURLWithPath: b + "/" + file.name))
            let bytesC = try Data(contentsOf: URL(fileURLWithPath: c + "/" + file.name))
            #expect(bytesA == bytesB, "\(file.name) differs between identical runs")
            #expect(bytesA != bytesC, "\(file.name) does not depend on the seed")
        }
    }

    @Test func everyRecordHasTheHeadersFieldCount() throws {
        for set in [try standardSet.get(), try cleanSet.get()] {
            for (name, table) in set.tables {
                let width = table[0].count
                for (i, record) in table.enumerated() where record != [""] {
                    #expect(record.count == width, "\(name) record \(i) has \(record.count) fields")
                }
            }
        }
    }

    @Test func summaryCountsMatchTheFiles() throws {
        let directory = try temporaryDirectory("summary")
        defer { removeDirectory(directory) }
        let summary = try SampleExport.write(to: directory, options: SampleOptions(customers: 80, seed: 3))
        let set = try GeneratedSet(directory: directory)
        #expect(summary.files.map(\.name) == ["customers.csv", "subscriptions.csv", "invoices.csv", "surveys.csv", "tickets.csv"])
        #expect(summary.file(named: "customers.csv")?.rows == 80)
        for file in summary.files {
            #expect(file.rows == set.rows(file.name).count, "\(file.name)")
            #expect(file.bytes == set.files[file.name]?.utf8.count, "\(file.name)")
        }
    }

    @Test func invoicesCanBeLeftOut() throws {
        let directory = try temporaryDirectory("no-invoices")
        defer { removeDirectory(directory) }
        let summary = try SampleExport.write(to: directory, options: SampleOptions(customers: 30, invoices: false))
        #expect(summary.file(named: "invoices.csv") == nil)
        #expect(!FileManager.default.fileExists(atPath: directory + "/invoices.csv"))
        #expect(summary.files.count == 4)
    }

    @Test func createsMissingParentDirectories() throws {
        let root = try temporaryDirectory("nested")
        defer { removeDirectory(root) }
        let summary = try SampleExport.write(to: root + "/a/b/c", options: SampleOptions(customers: 5))
        #expect(summary.file(named: "customers.csv")?.rows == 5)
    }

    @Test func reportsAnOutputPathThatIsAFile() throws {
        let root = try temporaryDirectory("blocked")
        defer { removeDirectory(root) }
        let blocker = root + "/plain-file"
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        #expect(throws: SampleError.cannotCreateDirectory(path: blocker, reason: "it exists and is not a directory")) {
            try SampleExport.write(to: blocker, options: SampleOptions(customers: 5))
        }
        let error = SampleError.cannotCreateDirectory(path: blocker, reason: "it exists and is not a directory")
        #expect(error.description == "\(blocker): error: cannot create the output directory: it exists and is not a directory. Check the path and its permissions, or choose another --out.")
    }

    @Test func rejectsNegativeCustomersAndZeroMonths() {
        #expect(throws: SampleError.invalidOption(name: "customers", value: "-1", expected: "a whole number of at least 0")) {
            try SampleExport.write(to: "/nonexistent-never-created", options: SampleOptions(customers: -1))
        }
        #expect(throws: SampleError.invalidOption(name: "months", value: "0", expected: "a number of months from 1 to 1200")) {
            try SampleExport.write(to: "/nonexistent-never-created", options: SampleOptions(months: 0))
        }
    }

    @Test func zeroCustomersGivesHeadersOnly() throws {
        let directory = try temporaryDirectory("empty")
        defer { removeDirectory(directory) }
        let summary = try SampleExport.write(to: directory, options: SampleOptions(customers: 0))
        #expect(summary.files.allSatisfy { $0.rows == 0 })
        let customers = try String(contentsOfFile: directory + "/customers.csv", encoding: .utf8)
        // Header line plus the documented blank trailing line.
        #expect(customers == SampleExport.customerHeader + "\n\n")
    }

    @Test func defaultSizeStaysAFewMegabytes() throws {
        let directory = try temporaryDirectory("default")
        defer { removeDirectory(directory) }
        let summary = try SampleExport.write(to: directory, options: SampleOptions())
        #expect(summary.file(named: "customers.csv")?.rows == 1200)
        #expect(summary.totalBytes > 500_000)
        #expect(summary.totalBytes < 4_000_000)
    }
}
