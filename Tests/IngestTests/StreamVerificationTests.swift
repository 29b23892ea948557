import Testing
import Model
@testable import Ingest

/// With a customers file, an orders file is probed only in its first 4 MiB before it is
/// streamed; the rest is checked for UTF-8 and NULs while it is streamed, and a failed check
/// reads the file again as a whole probe would have had it read: the same results either way.
@Suite struct StreamVerificationTests {
    static let customers = "Customer ID,Signup Date\nC1,2023-12-01\nC2,2023-12-01\nC3,2023-12-01\n"

    /// 4200 orders of about 1040 bytes (4.4 MB, past the 4 MiB = 4,194,304-byte head): row i is
    /// `I<i>,C<i mod 3 + 1>,2024-01-01,10,<note>`, the note 1000 × "x", row 4100's note starting with `late`.
    static func orders(late: [UInt8]) -> [UInt8] {
        var text = Array("Invoice ID,Customer ID,Date,Amount,Note\n".utf8)
        let note = [UInt8](repeating: 0x78, count: 1000)
        for i in 1...4200 {
            text += Array("I\(i),C\(i % 3 + 1),2024-01-01,10,".utf8) + (i == 4100 ? late : []) + note + [0x0A]
        }
        return text
    }

    /// Loads the customers and `orders(late:)` from a directory of the calling test's (and `variant`'s).
    func load(late: [UInt8], variant: String = "", test: String = #function) throws -> Dataset {
        let dir = FixtureDirectory(test + variant)
        let bytes = Self.orders(late: late)
        #expect(bytes.count > FileProbe.chunkSize)
        return try DatasetLoader.load(InputFiles(customers: dir.write("customers.csv", Self.customers),
                                                 orders: dir.write("orders.csv", bytes: bytes)), options: IngestOptions())
    }

    @Test func aLateByteThatIsNotUTF8ReadsTheFileAsWindows1252() throws {
        let data = try load(late: [0xE9])  // "é" in Windows-1252, not UTF-8 alone
        let a = try #require(accounting(data, "orders"))
        #expect(a.warnings.contains(TextDecoder.windows1252Warning))
        // The digest is the file's, hashed ahead (beside the customers) or again for the second read.
        #expect(a.sha256 == SHA256.hex(of: Self.orders(late: [0xE9])))
        #expect(a.rowsRead == 4200 && a.rowsUsed == 4200)
        // 4200 orders of 10.
        #expect(data.orders.count == 4200 && data.orders.amounts(of: 0).reduce(0, +) == 14_000)
        let utf8 = try #require(accounting(try load(late: Array("é".utf8), variant: "UTF8"), "orders"))
        #expect(!utf8.warnings.contains(TextDecoder.windows1252Warning))
        #expect(utf8.sha256 == SHA256.hex(of: Self.orders(late: Array("é".utf8))))
    }

    @Test func aLateNULSkipsItsRow() throws {
        let data = try load(late: [0x00])
        let a = try #require(accounting(data, "orders"))
        #expect(a.rowsRead == 4200 && a.rowsUsed == 4199)
        #expect(a.sha256 == SHA256.hex(of: Self.orders(late: [0x00])))
        // Row 4100 is line 4101; "I4100,C3,2024-01-01,10," is 23 characters, so the NUL is column 24.
        #expect(a.skipped.first?.examples.map(\.description) == ["4101:24: " + NULRows.message])
    }

    @Test func theRecordStreamChecksWhatItScans() throws {
        let dir = FixtureDirectory()
        for (tail, verification, unverified) in [
            ([0xE9], RecordStream.Verification(utf8: true, noNUL: true), true),
            ([0x00], RecordStream.Verification(utf8: true, noNUL: true), true),
            ([0xC3, 0xA9], RecordStream.Verification(utf8: true, noNUL: true), false),  // "é" in UTF-8
            ([0xE9], RecordStream.Verification(utf8: false, noNUL: true), false),
            ([0x00], RecordStream.Verification(), false),
        ] as [([UInt8], RecordStream.Verification, Bool)] {
            // The last record has no line break: it is checked when the data ends.
            let path = dir.write("r.csv", bytes: Array("a,b\n1,2\n3,".utf8) + tail)
            let file = try FileSource(path: path)
            var records = RecordStream(file: file, encoding: .utf8, delimiter: 0x2C)
            records.chunkSize = 4
            records.verification = verification
            var rows = 0
            let outcome = try records.forEachRecord(from: 0, to: file.size) { _, _, _ in rows += 1 }
            #expect(rows == 3)
            #expect(outcome.unverified == unverified)
        }
    }
}
