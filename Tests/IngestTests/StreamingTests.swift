import Testing
import Model
@testable import Ingest

@Suite struct StreamingTests {
    static let tricky = "Invoice ID,Customer ID,Date,Amount,Currency,Status\r\n"
        + "I1,C1,2024-01-01,10.00,USD,paid\r\n"
        + "\"I2\",\"C2\",2024-01-02,\"1,020.50\",USD,paid\n"
        + "I3,\"C\"\"3\",2024-01-03,5,USD,paid\r"
        + "\n\n"
        + "I4,C1,2024-01-04,\"7\",USD,\"paid\r\nwith note\"\n"
        + "I5,Zoë,2024-01-05,-2.5,USD,refunded\n"
        + "I6,C2,2024-01-06,1,USD,paid"

    /// Records as (line, fields) from the whole-file table, the reference.
    func reference(_ text: String) throws -> [(Int, [String])] {
        let t = try CSVTable(bytes: Array(text.utf8))
        var out = [(t.headerLine, t.header)]
        for r in 0..<t.rowCount {
            out.append((t.line(ofRow: r), (0..<t.fieldCount(ofRow: r)).map { t.string(row: r, column: $0) }))
        }
        return out
    }

    @Test func everyChunkSizeGivesTheSameRecordsAsTheWholeFile() throws {
        let dir = FixtureDirectory()
        let path = dir.write("orders.csv", Self.tricky)
        let expected = try reference(Self.tricky)
        let file = try FileSource(path: path)
        for chunk in 1...40 {
            var stream = RecordStream(file: file, encoding: .utf8, delimiter: 0x2C)
            stream.chunkSize = chunk
            var got: [(Int, [String])] = []
            _ = try stream.forEachRecord(from: 0, to: file.size) { buf, fields, line in
                got.append((line, fields.map { f in
                    String(decoding: f.hasQuotes ? CSVScanner.unescaped(buf, f) : Array(buf[f.start..<f.end]), as: UTF8.self)
                }))
            }
            #expect(got.map(\.0) == expected.map(\.0), "chunk \(chunk)")
            #expect(got.map(\.1) == expected.map(\.1), "chunk \(chunk)")
        }
    }

    @Test func orderStreamDecodesRowsAndCountsSkips() throws {
        let dir = FixtureDirectory()
        let path = dir.write("orders.csv", Self.tricky)
        var stream = try OrderStream(path: path, options: IngestOptions())
        stream.records.chunkSize = 7
        var seen: [(String, Day, Double, Int)] = []
        let result = try stream.forEachOrder { o in
            seen.append((String(decoding: o.customerID, as: UTF8.self), o.day, o.amount, o.line))
            return .use
        }
        #expect(seen.map(\.0) == ["C1", "C2", "C\"3", "C1", "Zoë", "C2"])
        #expect(seen.map(\.2) == [10, 1020.5, 5, 7, -2.5, 1])
        // Line 5 is blank; I4's quoted CRLF makes line 7 a continuation.
        #expect(seen.map(\.3) == [2, 3, 4, 6, 8, 9])
        #expect(result.accounting.rowsUsed == 6)
        #expect(balanced(result.accounting))
        #expect(result.accounting.sha256 == SHA256.hex(of: Array(Self.tricky.utf8)))
    }

    /// A generated orders file with quoted newlines sprinkled in, some bad rows and unknown customers.
    func generated(rows: Int) -> String {
        var text = "Invoice ID,Customer ID,Date,Amount,Currency,Status\n"
        for i in 0..<rows {
            let customer = "C\(i % 37)"
            let day = 1 + i % 28
            let amount = i % 101 == 0 ? "n/a" : "\(i % 500).\(i % 100 < 10 ? "0" : "")\(i % 100)"
            let status = i % 13 == 0 ? "\"paid\nsee note, \"\"ok\"\"\"" : "paid"
            text += "INV\(i),\(customer),2024-02-\(day < 10 ? "0" : "")\(day),\(amount),USD,\(status)\n"
        }
        return text
    }

    @Test func parallelPartitionsMatchOneThread() throws {
        let dir = FixtureDirectory()
        let text = generated(rows: 3000)
        let path = dir.write("orders.csv", text)
        var stream = try OrderStream(path: path, options: IngestOptions())
        stream.records.chunkSize = 512
        var sequential = 0.0
        var sequentialCount = 0
        let one = try stream.forEachOrder { o in
            if o.customerID.first == 0x43, o.customerID.count == 2, o.customerID[1] == 0x35 { return .unknownCustomer }  // "C5"
            sequential += o.amount
            sequentialCount += 1
            return .use
        }
        for partitions in [2, 3] {
            let (partials, result) = try stream.forEachOrderInParallel(partitions: partitions, makePartial: { (0.0, 0) }) { p, o in
                if o.customerID.first == 0x43, o.customerID.count == 2, o.customerID[1] == 0x35 { return .unknownCustomer }
                p.0 += o.amount
                p.1 += 1
                return .use
            }
            #expect(result.partitions == partitions)
            #expect(partials.map(\.1).reduce(0, +) == sequentialCount)
            #expect(abs(partials.map(\.0).reduce(0, +) - sequential) < 1e-6)
            #expect(result.accounting.rowsRead == one.accounting.rowsRead)
            #expect(result.accounting.rowsUsed == one.accounting.rowsUsed)
            #expect(result.accounting.skipped.map(\.count) == one.accounting.skipped.map(\.count))
            // Example lines are absolute even when found by a later partition.
            #expect(result.accounting.skipped.map(\.examples) == one.accounting.skipped.map(\.examples))
        }
        // 3000 rows: "n/a" on every 101st (30 rows: 0, 101, …, 2929) and C5 on every 37th
        // from 5 (⌊2994/37⌋ + 1 = 81 rows), minus the one row that is both and fails on its amount
        // first: i = 1818 = 18 × 101 = 49 × 37 + 5.
        #expect(one.accounting.rowsRead == 3000)
        #expect(skipCount(one.accounting, "bad_amount") == 30)
        #expect(skipCount(one.accounting, "unknown_customer") == 80)
    }

    @Test func aSplitInsideAQuotedFieldFallsBackToOneThread() throws {
        // A stray quote in an unquoted field flips the parity count, so the split lands
        // inside a record; the first partition must read on and the result stay exact.
        let dir = FixtureDirectory()
        var text = "Invoice ID,Customer ID,Date,Amount,Currency,Status\n"
        text += "I0,C1,2024-01-01,1,USD,pa\"id\n"
        for i in 1..<200 { text += "I\(i),C1,2024-01-01,1,USD,\"paid\nok\"\n" }
        let path = dir.write("orders.csv", text)
        let stream = try OrderStream(path: path, options: IngestOptions())
        let (partials, result) = try stream.forEachOrderInParallel(partitions: 2, makePartial: { 0 }) { p, _ in p += 1; return .use }
        #expect(partials.reduce(0, +) == 200)
        #expect(result.accounting.rowsRead == 200)
    }
}

@Suite struct StreamingEncodingTests {
    @Test func windows1252OrdersAreTranscodedChunkByChunk() throws {
        let dir = FixtureDirectory()
        // "Café" customers with é = 0xE9, after a UTF-8 BOM that the rest of the file contradicts.
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Invoice ID,Customer ID,Date,Amount\n".utf8)
        for i in 0..<50 { bytes += Array("I\(i),Caf".utf8) + [0xE9] + Array(",2024-01-01,\(i)\n".utf8) }
        let path = dir.write("orders.csv", bytes: bytes)
        var stream = try OrderStream(path: path, options: IngestOptions())
        #expect(stream.encoding == .windows1252)
        #expect(stream.header == ["Invoice ID", "Customer ID", "Date", "Amount"])
        stream.records.chunkSize = 5
        var ids = Set<String>()
        var total = 0.0
        let result = try stream.forEachOrder { o in
            ids.insert(String(decoding: o.customerID, as: UTF8.self))
            total += o.amount
            return .use
        }
        #expect(ids == ["Café"])
        #expect(total == 1225)  // 0 + 1 + … + 49
        #expect(result.accounting.warnings == ["decoded as Windows-1252: the file is not valid UTF-8"])
        #expect(result.accounting.sha256 == SHA256.hex(of: bytes))
    }

    @Test func outOfRangeValuesAreSkippedNotTrapped() throws {
        let dir = FixtureDirectory()
        let subs = dir.write("subscriptions.csv", "Subscription ID,Customer ID,Amount,Start Date,Billing Interval,Interval Count\nS1,C1,10,2024-01-01,999999999999999999999 years,1\nS2,C1,10,2024-01-01,month,1e300\nS3,C1,10,2024-01-01,month,3\n")
        let tickets = dir.write("tickets.csv", "Ticket ID,Created At,First reply time in minutes\nT1,2024-01-01 10:00,99999999999999999999999\nT2,2024-01-01 10:00,15\n")
        let data = try DatasetLoader.load(InputFiles(subscriptions: subs, tickets: tickets), options: IngestOptions())
        #expect(skipCount(accounting(data, "subscriptions"), "bad_interval") == 1)
        #expect(skipCount(accounting(data, "subscriptions"), "bad_amount") == 1)   // "1e300" is not a number
        // Every 3 months: 10 ÷ 3.
        #expect(data.subscriptions.map(\.mrr) == [10.0 / 3])
        #expect(data.tickets.map(\.id) == ["T2"])
        #expect(skipCount(accounting(data, "tickets"), "bad_amount") == 1)
    }
}
