import Testing
import Model
@testable import Ingest

/// A stray NUL deep in a large export costs its row, not the file; binary files are still
/// refused from their first block.
@Suite struct StrayNULTests {
    /// 600 customers (about 27 bytes a row, so a NUL on row 500 is past byte 8000) with a NUL
    /// inside one company name.
    static func customers(nulAt row: Int) -> [UInt8] {
        var text = Array("Customer ID,Company Name,Created Date\n".utf8)
        for i in 1...600 {
            text += Array("C\(i),Company \(i)".utf8)
            if i == row { text += [0x00] }
            text += Array(",2024-01-01\n".utf8)
        }
        return text
    }

    @Test func aNULPastTheFirstBlockSkipsOnlyItsRow() throws {
        let bytes = Self.customers(nulAt: 500)
        #expect(bytes.firstIndex(of: 0)! > BinarySniff.blockSize)
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", bytes: bytes)
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(data.customers.count == 599)
        #expect(!data.customers.contains { $0.id == "C500" })
        let a = try #require(accounting(data, "customers"))
        #expect(a.rowsRead == 600 && a.rowsSkipped == 1)
        // Line 501 (the header is line 1); "C500,Company 500" is 16 characters, so the NUL is column 17.
        #expect(a.skipped.map(\.reason) == ["control_character"])
        #expect(a.skipped.first?.examples.map(\.description)
            == ["501:17: the row holds a NUL byte (a damaged line in the export); the row is skipped"])
    }

    @Test func inAStreamedOrdersFileToo() throws {
        var text = Array("Invoice ID,Customer ID,Date,Amount\n".utf8)
        for i in 1...400 {
            text += Array("I\(i),C\(i),2024-01-01,".utf8) + (i == 399 ? [0x31, 0x00, 0x30] : [0x31, 0x30]) + [0x0A]
        }
        #expect(text.firstIndex(of: 0)! > BinarySniff.blockSize)
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", bytes: text)
        var stream = try OrderStream(path: path, options: IngestOptions())
        stream.records.chunkSize = 1000
        var used = 0
        let result = try stream.forEachOrder { _ in used += 1; return .use }
        #expect(used == 399)
        // Line 400; "I399,C399,2024-01-01,1" is 22 characters, so the NUL is column 23.
        #expect(result.accounting.skipped.first?.examples.map(\.description)
            == ["400:23: the row holds a NUL byte (a damaged line in the export); the row is skipped"])
    }

    @Test func binaryFilesAreRefusedFromTheirFirstBlock() {
        // A NUL in the first 8000 bytes (as git decides), or mostly control bytes.
        let dir = FixtureDirectory()
        let early = dir.write("customers.csv", bytes: Self.customers(nulAt: 3))
        #expect(loadError(InputFiles(customers: early))?.hasPrefix("\(early): error: not a text file (binary data at byte ") == true)
        let controls = dir.write("orders.csv", bytes: Array("Invoice ID,Customer ID,Date,Amount\n".utf8)
            + [UInt8](repeating: 0x01, count: 100) + Array("\n".utf8))
        // 100 of 136 bytes are 0x01: more than 10 %; the first is at byte 35.
        #expect(loadError(InputFiles(orders: controls))
            == "\(controls): error: not a text file (binary data at byte 35, in the first 8000 bytes); export the data as CSV")
        #expect(BinarySniff.binaryOffset(Array("a,b\n1,\u{1B}[1m\n".utf8)) == nil)  // one ESC in 13 bytes is 7.7 %
    }
}
