import Testing
import Model
@testable import Ingest

/// A customers file decoded on two (or three) threads gives exactly what one pass gives: the
/// same customers in file order, counts, skip examples with their lines and warnings.
@Suite struct ParallelCustomersTests {
    func load(_ path: String, threads: Int, format: ExportFormat? = nil) throws -> Dataset {
        var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
        builder.tableThreads = threads
        if let format {
            try builder.loadCustomers(path, Recognition(entity: .customers, format: format, evidence: "test"))
        } else {
            try builder.loadCustomers(path)
        }
        return builder.dataset
    }

    /// Row i (line i + 2) of `rows` rows: customer "C\(i)" with an attribute and a churn date,
    /// except: i % 97 == 5 an empty row (only delimiters), i % 89 == 9 a row of three fields,
    /// i % 83 == 11 no id, i % 79 == 13 the id of row i − 13 (a repeat), i % 73 == 17 an
    /// unreadable signup, i % 71 == 19 an unreadable churn date (kept, warned).
    static func file(rows: Int) -> String {
        var text = "Customer ID,Name,Signup Date,Cancellation Date,Industry\n"
        for i in 0..<rows {
            if i % 97 == 5 { text += ",,,,\n"; continue }
            if i % 89 == 9 { text += "C\(i),Short,2024-01-01\n"; continue }
            let id = i % 83 == 11 ? "" : i % 79 == 13 ? "C\(i - 13)" : "C\(i)"
            let signup = i % 73 == 17 ? "someday" : "2024-0\(i % 9 + 1)-1\(i % 10)"
            let churn = i % 71 == 19 ? "soon" : i % 4 == 0 ? "2025-02-0\(i % 9 + 1)" : ""
            text += "\(id),Firm \(i),\(signup),\(churn),\(i % 3 == 0 ? "" : "Retail \(i % 5)")\n"
        }
        return text
    }

    @Test func twoThreadsGiveTheOnePassResult() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", Self.file(rows: 400))
        let one = try load(path, threads: 1)
        let two = try load(path, threads: 2)
        let three = try load(path, threads: 3)
        #expect(two.customers == one.customers)
        #expect(two.inputs == one.inputs)
        #expect(three.customers == one.customers)
        #expect(three.inputs == one.inputs)

        // Worked out from the rules above for i in 0..<400 (a row meets the first rule that fits):
        // empty: 5, 102, 199, 296, 393 (5); three fields: 9, 98, 187, 276, 365 (5); no id: 11,
        // 94, 177, 260, 343 (5); repeats: 13, 92, 171, 250, 329 (5; 13 repeats C0); bad signup:
        // 17, 90, 163, 236, 309, 382 (6). 400 − 26 = 374 customers.
        let input = try #require(one.inputs.first)
        #expect(one.customers.count == 374)
        #expect(input.rowsUsed == 374 && input.rowsRead == 400)
        #expect(input.skipped.map(\.reason) == ["empty_row", "wrong_field_count", "missing_id", "duplicate_id", "bad_date"])
        #expect(input.skipped.map(\.count) == [5, 5, 5, 5, 6])
        #expect(input.skipped[0].examples.map(\.line) == [7, 104, 201, 298, 395])  // the first five
        #expect(input.skipped[3].examples.first?.description
            == "15:1: customer id \"C0\" appears on an earlier row; the first row is kept")
        // Unreadable churn dates: 19, 90 (bad signup first), 161, 232, 303, 374 → 5 kept, first on line 21.
        #expect(input.warnings == ["5 rows had an unreadable \"Cancellation Date\" (first on line 21: \"soon\"); the value was left empty"])
        #expect(one.customers[0] == Customer(id: "C0", name: "Firm 0", signup: Day(year: 2024, month: 1, day: 10)!,
                                             churnDate: Day(year: 2025, month: 2, day: 1)!))
        #expect(one.customers[1].attributes == ["Industry": "Retail 1"])
        #expect(one.customers.last?.id == "C399")
    }

    @Test func blocksOfRowsKeepFileOrderAcrossTheirBoundaries() throws {
        // 40,000 rows: three blocks of 16,384; the repeats and skips of every block are counted
        // in file order and the customers come out in it.
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", Self.file(rows: 40_000))
        let one = try load(path, threads: 1)
        let two = try load(path, threads: 2)
        #expect(two.customers == one.customers)
        #expect(two.inputs == one.inputs)
        // The rules of `file` over 40,000 rows (counted by a separate script): 413 empty, 445
        // short, 471 without id, 469 repeats (a repeat of a skipped row is a new id), 523 bad
        // signups; 40,000 − 2,321 = 37,679 customers.
        let input = try #require(two.inputs.first)
        #expect(two.customers.count == 37_679)
        #expect(input.skipped.map(\.count) == [413, 445, 471, 469, 523])
        #expect(Set(two.customers.map(\.id)).count == 37_679)
        #expect(RowBlocks.threads(try CSVTable(bytes: Array(Self.file(rows: 20_000).utf8)), requested: nil) == 2)
        #expect(RowBlocks.threads(try CSVTable(bytes: Array(Self.file(rows: 19_999).utf8)), requested: nil) == 1)
    }

    @Test func equalTraitsDecodedOnAnyThreadShareOneObject() throws {
        // 40,000 rows (three blocks, decoded on two threads): plan i % 3, segment i % 2, a churn
        // reason on every fifth row; plan and reason long enough to be heap strings (> 15 bytes).
        let plans = ["Enterprise annual plan", "Growth monthly plan", "Starter"]
        var text = "customer_id,name,signup_date,plan,segment,churn_date,churn_reason\n"
        for i in 0..<40_000 {
            let churned = i % 5 == 0
            text += "C\(i),Firm \(i),2024-01-01,\(plans[i % 3]),\(i % 2 == 0 ? "SMB" : "Mid-Market"),"
                + (churned ? "2024-06-01,moved to a competitor\n" : ",\n")
        }
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", text)
        let one = try load(path, threads: 1)
        let two = try load(path, threads: 2)
        #expect(two.customers == one.customers)
        #expect(two.customers.count == 40_000)
        // i mod 30 fixes the plan, the segment and whether there is a reason: 3 × 2 × 2 = 12
        // combinations, each one object, the one of its first customer. The first customers, by
        // hand: rows 0–6 are new; 7, 8 and 9 repeat 1, 2 and 3; 10 (reason, plan 1, SMB) and 11
        // (no reason, plan 2, Mid-Market) are new, then 15, 20 and 25 (reason rows with the last
        // three plan and segment pairs).
        for dataset in [one, two] {
            let customers = dataset.customers
            var firstOf: [CustomerTraits.Values: Int] = [:]
            for (i, c) in customers.enumerated() {
                #expect(c.plan == plans[i % 3] && c.segment == (i % 2 == 0 ? "SMB" : "Mid-Market"))
                #expect(c.churnReason == (i % 5 == 0 ? "moved to a competitor" : nil))
                let first = firstOf[c.traits.values, default: i]
                firstOf[c.traits.values] = first
                if !c.traits.sharesStorage(with: customers[first].traits) {
                    Issue.record("customer \(i) does not share the traits of customer \(first)")
                    break
                }
            }
            #expect(firstOf.count == 12)
            #expect(firstOf.values.sorted() == [0, 1, 2, 3, 4, 5, 6, 10, 11, 15, 20, 25])
        }
    }

    @Test func traitCellsWrittenAlikeShareTheFirstRowsTraits() throws {
        // Row by row (plan, segment): C1 and C2 differ only in spaces and quotes, so C2 is found
        // by C1's cells; C3 and C4 split the same letters differently ("ab"+"c", "a"+"bc"); C5
        // and C6 spell "Café" composed and decomposed, which Swift compares equal, so C6 gets
        // C5's traits and C5's spelling, as it did before traits were found by their cells.
        // C7 and C8 quote a doubled quote (their key is made from the unquoted copy).
        let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        let text = "customer_id,name,signup_date,plan,segment\n"
            + "C1,A,2024-01-01,pro,SMB\nC2,B,2024-01-01, pro ,\"SMB\"\n"
            + "C3,C,2024-01-01,ab,c\nC4,D,2024-01-01,a,bc\n"
            + "C5,E,2024-01-01,\(composed),\nC6,F,2024-01-01,\(decomposed),\n"
            + "C7,G,2024-01-01,\"a\"\"b\",\nC8,H,2024-01-01,\"a\"\"b\",\n"
        let dir = FixtureDirectory()
        let c = try load(dir.write("customers.csv", text), threads: 1).customers
        #expect(c.map(\.plan) == ["pro", "pro", "ab", "a", composed, composed, "a\"b", "a\"b"])
        #expect(c.map(\.segment) == ["SMB", "SMB", "c", "bc", nil, nil, nil, nil])
        #expect(c[7].traits.sharesStorage(with: c[6].traits))
        #expect(c[1].traits.sharesStorage(with: c[0].traits))
        #expect(!c[3].traits.sharesStorage(with: c[2].traits))
        #expect(c[5].traits.sharesStorage(with: c[4].traits))
        #expect(Array(c[5].plan!.utf8) == Array(composed.utf8))
    }

    @Test func traitsAreNotSharedOnceTheTableIsFull() throws {
        // 4,097 distinct plans fill the table (4,096 combinations remembered); the next row's
        // plan is row 0's: equal values, an object of its own, as for any row from then on.
        var text = "customer_id,name,signup_date,plan\n"
        for i in 0...4_096 { text += "C\(i),N,2024-01-01,P\(i)\n" }
        text += "D0,N,2024-01-01,P0\nD1,N,2024-01-01,P0\n"
        let dir = FixtureDirectory()
        let c = try load(dir.write("customers.csv", text), threads: 2).customers
        #expect(c.count == 4_099)
        #expect(c[4_097].plan == "P0" && c[4_098].plan == "P0")
        #expect(!c[4_097].traits.sharesStorage(with: c[0].traits))
        #expect(!c[4_098].traits.sharesStorage(with: c[4_097].traits))
    }

    @Test func traitKeysSpellEachCellsLengthThenItsBytes() throws {
        // Cells 1 and 2 and a column the row has not: a 200-byte plan (length 200 = 0xC8 written
        // 0xC8, 0x01: low seven bits with the high bit set, then 200 >> 7 = 1), " b " trimmed to
        // "b", then nothing (length 0). Then, into the same buffer, a shorter key: a quoted cell
        // with a doubled quote (`"x""y"` is `x"y`, 3 bytes) and an empty one; the key is the
        // buffer's first bytes, whatever the earlier key left after them.
        func key(_ line: String, _ buffer: inout [UInt8]) -> [UInt8] {
            let text = Array(line.utf8)
            let length = text.withUnsafeBufferPointer { buf in
                var scanner = CSVScanner(delimiter: 0x2C, line: 1)
                var position = 0
                let fields = FieldList()
                _ = try? scanner.next(buf, position: &position, isFinal: true, fields: fields)
                return TraitCells(columns: [1, 2, 7]).key(of: RowView(text: buf, fields: fields.buffer, line: 1), into: &buffer)
            }
            return Array(buffer[..<length])
        }
        let plan = String(repeating: "p", count: 200)
        var buffer: [UInt8] = []
        #expect(key("C1,\(plan), b \n", &buffer) == [0xC8, 0x01] + Array(plan.utf8) + [1, UInt8(ascii: "b"), 0])
        #expect(buffer.count >= 203)
        #expect(key("C2,\"x\"\"y\",\n", &buffer) == [3] + Array("x\"y".utf8) + [0, 0])
    }
}
