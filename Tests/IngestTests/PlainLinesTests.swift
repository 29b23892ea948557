import Testing
@testable import Ingest

/// `CSVTable.plainLines`: the first scan of a table records plain lines without the scanner;
/// the records (scan start and line), where the scan stops and the line there must be the
/// scanner's own.
@Suite struct PlainLinesTests {
    struct Scan: Equatable {
        var records: [[Int]]
        var end: Int
        var nextLine: Int
    }

    /// The records as the scanner alone finds them (the loop `CSVTable.init` ran before).
    func scannerOnly(_ text: [UInt8], continuing: Bool, isFinal: Bool) -> Scan? {
        var records: [[Int]] = continuing ? [[0, 0]] : []
        var scanner = CSVScanner(delimiter: 0x2C, line: continuing ? 5 : 1)
        var position = 0
        let fields = FieldList()
        let ok: Bool = text.withUnsafeBufferPointer { buf in
            do {
                while true {
                    let start = position
                    guard case .record(let line) = try scanner.next(buf, position: &position, isFinal: isFinal,
                                                                    fields: fields) else { return true }
                    records.append([start, line])
                }
            } catch {
                return false
            }
        }
        guard ok, !records.isEmpty else { return nil }
        return Scan(records: records, end: position, nextLine: scanner.line)
    }

    func table(_ text: [UInt8], continuing: Bool, isFinal: Bool) -> Scan? {
        let c = continuing ? CSVTable.Continuation(delimiter: 0x2C, header: ["a", "b"], line: 5) : nil
        guard let t = try? CSVTable(window: text, continuing: c, isFinal: isFinal) else { return nil }
        return Scan(records: t.records.map { [$0.start, $0.line] }, end: t.end, nextLine: t.nextLine)
    }

    @Test func plainLinesAfterTheHeaderAreRecordsAsTheScannerFindsThem() throws {
        // Line 1 header; 2 blank; 3 row 0; 4 row 1 (a quote: the scanner reads it); 5 row 2 (CR LF:
        // the scanner); 6 blank; 7 row 3; 8 row 4 without a line end.
        let text = Array("id,amount\n\nC1,10.00\nC2,\"5\"\nC3,7\r\n\nC4,123456789\nC5,1".utf8)
        let t = try #require(table(text, continuing: false, isFinal: true))
        #expect(t.records == [[0, 1], [10, 3], [20, 4], [27, 5], [33, 7], [47, 8]])
        #expect(t.end == text.count && t.nextLine == 8)
        // Not final: the last line may be cut, so the scan stops at its start.
        let cut = try #require(table(text, continuing: false, isFinal: false))
        #expect(cut.records == [[0, 1], [10, 3], [20, 4], [27, 5], [33, 7]])
        #expect(cut.end == 47 && cut.nextLine == 8)
    }

    @Test func agreesWithTheScannerOnPseudoRandomWindows() {
        // Mostly plain bytes and line feeds; now and then a quote, a CR or a blank line.
        let plain: [UInt8] = Array("abcdefgh,ij,klm.nop-0123456789é".utf8)
        let rare: [UInt8] = [0x22, 0x0D, 0x0A, 0x0A, 0x0A]
        var state: UInt64 = 2024
        for length in stride(from: 0, to: 3000, by: 11) {
            var text: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let k = Int(state >> 33) % 1000
                text.append(k < 960 ? plain[k % plain.count] : k < 990 ? 0x0A : rare[k % rare.count])
            }
            for continuing in [false, true] {
                for isFinal in [false, true] {
                    #expect(table(text, continuing: continuing, isFinal: isFinal)
                            == scannerOnly(text, continuing: continuing, isFinal: isFinal),
                            "\(length) \(continuing) \(isFinal)")
                }
            }
        }
    }

    /// `lineFeeds` (eight bytes at a time) against a byte loop: random bytes drawn mostly from
    /// LF, 0x8A, 0x0B, 0x09 and 0x00 (the bytes next to LF in the zero test), every length
    /// 0–40 at every start 0–7, so each word position and the tail loop are met. Hand-counted:
    /// "a\nb\n\n" has 3, 17 LFs have 17.
    @Test func lineFeedsCountsEveryLineFeed() {
        var generator = SystemRandomNumberGenerator()
        let pool: [UInt8] = [0x0A, 0x8A, 0x0B, 0x09, 0x00, 0x0A, 0x2C, 0xFF]
        for _ in 0..<200 {
            let bytes = (0..<48).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }
            bytes.withUnsafeBufferPointer { all in
                for start in 0..<8 {
                    for length in 0...40 {
                        let part = UnsafeBufferPointer(rebasing: all[start..<(start + length)])
                        #expect(CSVTable.lineFeeds(part) == part.filter { $0 == 0x0A }.count)
                    }
                }
            }
        }
        #expect(Array("a\nb\n\n".utf8).withUnsafeBufferPointer { CSVTable.lineFeeds($0) } == 3)
        #expect([UInt8](repeating: 0x0A, count: 17).withUnsafeBufferPointer { CSVTable.lineFeeds($0) } == 17)
        #expect(CSVTable.lineFeeds(UnsafeBufferPointer(start: nil, count: 0)) == 0)
    }
}
