import Testing
import Foundation
import Model
@testable import Ingest

/// A thread done with its range of an orders file takes over half of another's unread rest
/// (`StreamedRanges`, `ReadingEnd`), and the ranges' results in file order are those of one pass.
@Suite struct RangeTakeOverTests {
    @Test func anEndMovesOnlyPastWhatIsClaimed() {
        let end = ReadingEnd(start: 100, end: 1_000)
        #expect(end.claim(from: 100, chunk: 300) == (300, 1_000))
        #expect(end.rest! == (400, 1_000))
        #expect(!end.cut(at: 400, expectingEnd: 1_000))  // claimed up to 400: not at it
        #expect(!end.cut(at: 700, expectingEnd: 900))  // the end is not what the taker saw
        #expect(!end.cut(at: 1_000, expectingEnd: 1_000))  // not at the end itself
        #expect(end.cut(at: 700, expectingEnd: 1_000))
        #expect(end.claim(from: 400, chunk: 500) == (300, 700))  // the chunk stops at the cut
        #expect(end.claim(from: 700, chunk: 500) == (0, 700))
        end.close()
        #expect(end.rest == nil && !end.cut(at: 650, expectingEnd: 700))
    }

    @Test func theLongestRestIsCutNearItsMiddle() {
        let ranges = StreamedRanges(bounds: [0, 1_000, 5_000])
        _ = ranges.range(0).end.claim(from: 0, chunk: 900)  // rest 900..1,000
        _ = ranges.range(1).end.claim(from: 1_000, chunk: 1_000)  // rest 2,000..5,000
        var asked: [Int] = []
        let id = ranges.takeOver(minimumRest: 500) { target in asked.append(target); return target + 10 }
        // Range 1 has claimed 1,000..2,000: its rest is 2,000..5,000, cut at 3,500 + 10.
        #expect(asked == [3_500] && id == 2)
        #expect(ranges.range(2).start == 3_510 && ranges.range(2).end.rest! == (3_510, 5_000))
        #expect(ranges.range(1).end.rest! == (2_000, 3_510))
        // No rest of 2,000 bytes left; a boundary outside the rest is refused.
        #expect(ranges.takeOver(minimumRest: 2_000) { $0 } == nil)
        #expect(ranges.takeOver(minimumRest: 500) { _ in 6_000 } == nil)
    }

    /// 4,000 rows of about 45 bytes without quotes: "n/a" amounts on every 101st row (bad_amount),
    /// customer C5 unknown to the consumer; the consumer slows down on the rows of the second
    /// half, so the first thread, done early, takes over parts of the second's range. With and
    /// without a UTF-8 byte-order mark.
    @Test(arguments: [false, true])
    func takenOverRangesGiveTheOnePassResult(byteOrderMark: Bool) throws {
        var text = "Invoice ID,Customer ID,Date,Amount,Currency\n"
        for i in 0..<4_000 {
            let day = 1 + i % 28
            text += "INV\(i),C\(i % 37),2024-02-\(day < 10 ? "0" : "")\(day),\(i % 101 == 0 ? "n/a" : "\(i % 500).25"),USD\n"
        }
        let dir = FixtureDirectory()
        let path = dir.write("orders.csv", bytes: (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8))
        var stream = try OrderStream(path: path, options: IngestOptions())
        stream.records.chunkSize = 512
        let isC5 = { @Sendable (o: OrderRecord) in o.customerID.count == 2 && o.customerID[0] == 0x43 && o.customerID[1] == 0x35 }
        var sequential = 0.0, sequentialCount = 0
        let one = try stream.forEachOrder { o in
            if isC5(o) { return .unknownCustomer }
            sequential += o.amount
            sequentialCount += 1
            return .use
        }
        let run = try stream.runInParallel(partitions: 2, takeOverBytes: 2_048, makePartial: { _ in (0.0, 0) }) { p, o in
            if isC5(o) { return .unknownCustomer }
            if let n = Int(String(decoding: o.orderID.dropFirst(3), as: UTF8.self)), n >= 2_000 { usleep(100) }
            p.0 += o.amount
            p.1 += 1
            return .use
        }
        #expect(run.partials.count > 2, "ranges: \(run.partials.count)")
        #expect(run.result.partitions == 2)
        #expect(run.partials.map(\.1).reduce(0, +) == sequentialCount)
        #expect(abs(run.partials.map(\.0).reduce(0, +) - sequential) < 1e-6)
        #expect(run.result.accounting.rowsRead == 4_000 && one.accounting.rowsRead == 4_000)
        #expect(run.result.accounting.rowsUsed == one.accounting.rowsUsed)
        #expect(run.result.accounting.skipped.map(\.count) == one.accounting.skipped.map(\.count))
        // Example lines are the file's, whichever range found them.
        #expect(run.result.accounting.skipped.map(\.examples) == one.accounting.skipped.map(\.examples))
        // 40 "n/a" rows (0, 101, …, 3939); C5 on i % 37 == 5: ⌊3994/37⌋ + 1 = 108 rows, minus the
        // one that fails on its amount first (i = 1818 = 101·18 = 37·49 + 5).
        #expect(skipCount(one.accounting, "bad_amount") == 40)
        #expect(skipCount(one.accounting, "unknown_customer") == 107)
    }
}
