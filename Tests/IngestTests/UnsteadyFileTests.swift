import Foundation
import Testing
import Model
@testable import Ingest

/// Files that change under the reader or are not files at all: the read ends, never hangs.
@Suite struct UnsteadyFileTests {
    static let orders = "Invoice ID,Customer ID,Date,Amount\n"
        + "I1,C1,2024-01-01,10.00\n"   // bytes 35–57 (the header is 35 bytes, each row 23)
        + "I2,C2,2024-01-02,20.00\n"   // bytes 58–80
        + "I3,C3,2024-01-03,30.00\n"   // bytes 81–103

    /// Cut the file inside I2's row after "I2,C2,2024" (35 + 23 + 10 = 68 bytes): the stream reads the header, I1 and
    /// the cut record, then stops at the end of the data instead of waiting for the 104 bytes
    /// the file had when it was opened.
    @Test(.timeLimit(.minutes(1)))
    func aFileTruncatedWhileReadEndsAtTheEndOfItsData() throws {
        let dir = FixtureDirectory()
        let path = dir.write("orders.csv", Self.orders)
        #expect(Self.orders.utf8.count == 104)
        let file = try FileSource(path: path)
        #expect(truncate(path, 68) == 0)
        for chunk in [4, 16, 1 << 22] {
            var stream = RecordStream(file: file, encoding: .utf8, delimiter: 0x2C)
            stream.chunkSize = chunk
            var lines: [Int] = []
            var firstFields: [String] = []
            let outcome = try stream.forEachRecord(from: 0, to: file.size) { buf, fields, line in
                lines.append(line)
                firstFields.append(String(decoding: buf[fields[0].start..<fields[0].end], as: UTF8.self))
            }
            #expect(lines == [1, 2, 3], "chunk \(chunk)")
            #expect(firstFields == ["Invoice ID", "I1", "I2"], "chunk \(chunk)")
            #expect(outcome.endedEarly, "chunk \(chunk)")
        }
        #expect(file.changeSinceOpened() == "it was truncated while it was read (104 bytes when opened, 68 after)")
    }

    /// Through the order stream: I1 is used, the cut I2 row ("I2,C2,2024") has too few fields,
    /// and the file gets a warning saying it changed.
    @Test(.timeLimit(.minutes(1)))
    func theOrderStreamReportsAFileThatChangedWhileRead() throws {
        let dir = FixtureDirectory()
        let path = dir.write("orders.csv", Self.orders)
        var stream = try OrderStream(path: path, options: IngestOptions())
        stream.records.chunkSize = 8
        #expect(truncate(path, 68) == 0)
        var customers: [String] = []
        let result = try stream.forEachOrder { o in customers.append(String(decoding: o.customerID, as: UTF8.self)); return .use }
        #expect(customers == ["C1"])
        #expect(result.accounting.rowsRead == 2)
        #expect(skipCount(result.accounting, "wrong_field_count") == 1)
        #expect(result.accounting.warnings == [
            "the file changed while it was read: it was truncated while it was read (104 bytes when opened, 68 after); "
                + "the rows read were used, run the report again once the export is complete",
        ])
    }

    /// A file appended to while read (a log, an export still being written) is read to the size
    /// it had when opened — by the probe and hash as by the parser — and reported as grown.
    @Test func aGrowingFileIsReadToItsOpeningSize() throws {
        let dir = FixtureDirectory()
        let path = dir.write("orders.csv", Self.orders)
        let file = try FileSource(path: path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("I4,C4,2024-01-04,40.00\n".utf8))  // 23 more bytes: 104 + 23 = 127
        try handle.close()
        let probe = try FileProbe.scan(file, sha256: true)
        #expect(probe.sha256 == SHA256.hex(of: Array(Self.orders.utf8)))
        #expect(file.changeSinceOpened() == "it grew while it was read (104 bytes when opened, 127 after)")
    }

    /// A named pipe nobody writes to would block `open` and `read` forever; /dev/zero never ends.
    @Test(.timeLimit(.minutes(1)))
    func pipesAndDevicesAreRefusedAsInputs() throws {
        let dir = FixtureDirectory()
        let fifo = dir.path + "/customers.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(loadError(InputFiles(customers: fifo))
            == "\(fifo): error: cannot read the file: it is a named pipe (FIFO), not a regular file; "
                + "give the path of the exported file itself")
        #expect(loadError(InputFiles(orders: "/dev/zero"))
            == "/dev/zero: error: cannot read the file: it is a character device, not a regular file; "
                + "give the path of the exported file itself")
        #expect(throws: IngestError.unreadable(path: fifo, reason: "it is a named pipe (FIFO), not a regular file; "
                + "give the path of the exported file itself")) { try inspect(path: fifo) }
    }

    /// In an --input folder, a pipe whose name says nothing is not opened to sniff its header
    /// (that open would block); a pipe named like an export is refused when loaded.
    @Test(.timeLimit(.minutes(1)))
    func pipesInAnInputFolderNeverBlockDiscovery() throws {
        let dir = FixtureDirectory()
        dir.write("customers.csv", "Customer ID,Created Date\nC1,2024-01-01\n")
        #expect(mkfifo(dir.path + "/export.csv", 0o600) == 0)
        let found = InputFiles.discover(inDirectory: dir.path)
        #expect(found == InputFiles(customers: dir.path + "/customers.csv"))
    }
}
