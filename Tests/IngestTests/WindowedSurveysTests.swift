import Testing
import Model
@testable import Ingest

/// A surveys file read in windows (`CSVWindows`: a few KiB here, so records and quoted
/// multi-line comments fall across window boundaries) gives exactly what the whole-file table
/// gives: answers, comments, counts, skip examples with their lines and columns, the SHA-256.
@Suite struct WindowedSurveysTests {
    /// Loads the customers and `surveys`, whole (`windowed` false) or in windows of 4 KiB.
    func load(_ customers: String, _ surveys: String, windowed: Bool, threads: Int = 2) throws -> Dataset {
        var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
        builder.tableThreads = threads
        builder.windowedMinimumBytes = windowed ? 0 : .max
        builder.windowBytes = 4_096
        try builder.loadCustomers(customers)
        try builder.loadSurveys(surveys)
        return builder.dataset
    }

    static let customers = "Customer ID,Name,Signup Date\n" + (0..<50).map { "C\($0),Firm \($0),2023-01-01\n" }.joined()

    /// Row i: NPS answer i % 11 of customer C(i % 50); its comment quoted over three lines when
    /// i % 7 == 0 ("a ""quoted"" word" on its second line), one line otherwise; the date
    /// "someday" when i % 101 == 50; `newline` ends each record. Also returns the physical line
    /// of every row (the header is line 1).
    static func file(rows: Int, newline: String = "\n") -> (text: String, lines: [Int]) {
        var text = "Customer ID,Date,Type,Score,Comment" + newline
        var line = 2
        var lines: [Int] = []
        for i in 0..<rows {
            lines.append(line)
            let date = i % 101 == 50 ? "someday" : "2024-0\(i % 9 + 1)-1\(i % 10)"
            let comment = i % 7 == 0 ? "\"first \(i)\(newline)a \"\"quoted\"\" word\(newline)last\"" : "plain \(i % 13)"
            text += "C\(i % 50),\(date),NPS,\(i % 11),\(comment)" + newline
            line += i % 7 == 0 ? 3 : 1
        }
        return (text, lines)
    }

    @Test(arguments: ["\n", "\r\n"])
    func windowsGiveTheWholeFileResult(newline: String) throws {
        let dir = FixtureDirectory("windowsGiveTheWholeFileResult\(newline.utf8.count)")
        let customers = dir.write("customers.csv", Self.customers)
        let (text, lines) = Self.file(rows: 3_000, newline: newline)
        let surveys = dir.write("surveys.csv", text)
        let whole = try load(customers, surveys, windowed: false)
        let windowed = try load(customers, surveys, windowed: true)
        let single = try load(customers, surveys, windowed: true, threads: 1)
        #expect(windowed.surveys == whole.surveys)
        #expect(windowed.inputs == whole.inputs)
        #expect(single.surveys == whole.surveys)
        // Worked out from the rules: rows i % 101 == 50 (30 of them) have an unreadable date.
        let input = try #require(windowed.inputs.last)
        #expect(input.rowsRead == 3_000 && input.rowsUsed == 2_970)
        #expect(input.skipped.map(\.reason) == ["bad_date"])
        let bad = (0..<3_000).filter { $0 % 101 == 50 }
        #expect(input.skipped[0].examples.map(\.line) == Array(bad.prefix(input.skipped[0].examples.count)).map { lines[$0] })
        #expect(input.skipped[0].examples.first?.column == 4)  // row 50: "C0,someday"
        #expect(windowed.surveys[7].comment == "first 7\(newline)a \"quoted\" word\(newline)last")
        #expect(input.sha256 == SHA256.hex(of: Array(text.utf8)))

        // The file really went in several windows, their rows on the lines above.
        let windows = try #require(CSVWindows(file: FileSource(path: surveys), windowBytes: 4_096))
        var count = 0, rowLines: [Int] = []
        try windows.forEach { window throws(IngestError) in
            count += 1
            for r in 0..<window.rowCount { rowLines.append(window.line(ofRow: r)) }
        }
        #expect(count > 10)
        #expect(rowLines == lines)
    }

    @Test func anUnclosedQuoteKeepsItsLineInWindows() throws {
        let dir = FixtureDirectory("anUnclosedQuoteKeepsItsLineInWindows")
        let customers = dir.write("customers.csv", Self.customers)
        let (text, lines) = Self.file(rows: 2_000)
        // A last row opening a quote it never closes, at column 28 of its line.
        let surveys = dir.write("surveys.csv", text + "C1,2024-01-01,NPS,5,\"never\nclosed\n")
        let lastLine = lines[1_999] + 1  // row 1,999 (1,999 % 7 == 4) is one line
        for windowed in [false, true] {
            #expect(throws: IngestError.unterminatedQuote(path: surveys, line: lastLine, column: 21)) {
                _ = try load(customers, surveys, windowed: windowed)
            }
        }
    }

    @Test func filesNotPlainUTF8AreReadWhole() throws {
        let dir = FixtureDirectory("filesNotPlainUTF8AreReadWhole")
        let customers = dir.write("customers.csv", Self.customers)
        // Windows-1252: "plainé" (0xE9) in the comments "plain 1" (the whole file is transcoded, with a warning).
        let bytes = Array(Self.file(rows: 500).text.replacingOccurrences(of: "plain 1\n", with: "plain 1~\n").utf8)
            .map { $0 == UInt8(ascii: "~") ? 0xE9 : $0 }
        let latin = dir.write("latin.csv", bytes: bytes)
        #expect(CSVWindows(file: try FileSource(path: latin), windowBytes: 4_096) == nil)
        let whole = try load(customers, latin, windowed: false)
        let windowed = try load(customers, latin, windowed: true)
        #expect(windowed.surveys == whole.surveys)
        #expect(windowed.inputs == whole.inputs)
        #expect(windowed.inputs.last?.warnings.contains { $0.contains("Windows-1252") } == true)
        // With a byte-order mark, UTF-8 files are windowed and read as without it.
        let marked = dir.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(Self.file(rows: 500).text.utf8))
        #expect(CSVWindows(file: try FileSource(path: marked), windowBytes: 4_096) != nil)
        let markedWhole = try load(customers, marked, windowed: false)
        let markedWindowed = try load(customers, marked, windowed: true)
        #expect(markedWindowed.surveys == markedWhole.surveys)
        #expect(markedWindowed.inputs == markedWhole.inputs)
    }

    @Test func plainUTF8CheckSeesSequencesCutByItsPieces() throws {
        let dir = FixtureDirectory("plainUTF8CheckSeesSequencesCutByItsPieces")
        // "é" (C3 A9) straddling a piece boundary (1 MiB, a multiple of the 256 KiB pieces), then a
        // stray continuation byte.
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: (1 << 20) - 1) + [0xC3, 0xA9] + Array("b\n".utf8)
        let good = dir.write("good.csv", bytes: bytes)
        #expect(try CSVWindows.isPlainUTF8(FileSource(path: good), from: 0))
        bytes += [0xA9, 0x0A]
        let bad = dir.write("bad.csv", bytes: bytes)
        #expect(try !CSVWindows.isPlainUTF8(FileSource(path: bad), from: 0))
        let nul = dir.write("nul.csv", bytes: Array("a,b\n1,\u{0}\n".utf8))
        #expect(try !CSVWindows.isPlainUTF8(FileSource(path: nul), from: 0))
    }

    @Test func plainUTF8CheckInTwoHalvesSplitsAfterAnASCIIByte() throws {
        let dir = FixtureDirectory("plainUTF8CheckInTwoHalvesSplitsAfterAnASCIIByte")
        // 10 000 bytes: "€" (E2 82 AC) at 4 999 ..< 5 002 straddles the middle (5 000); the first
        // ASCII byte from the middle on is at 5 002, so the halves are 0 ..< 5 003 and 5 003 ..< 10 000.
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000)
        bytes[4_999] = 0xE2; bytes[5_000] = 0x82; bytes[5_001] = 0xAC
        bytes[9_999] = 0x0A
        let good = dir.write("good.csv", bytes: bytes)
        #expect(try CSVWindows.asciiSplit(FileSource(path: good), from: 0) == 5_003)
        #expect(try CSVWindows.isPlainUTF8(FileSource(path: good), from: 0, parts: 2))
        #expect(try CSVWindows.isPlainUTF8(FileSource(path: good), from: 0, parts: 1))
        // A stray continuation byte, a cut sequence or a NUL in either half fails the whole check.
        for (at, byte) in [(7_000, 0xA9), (1_000, 0xA9), (9_998, 0xC3), (8_000, 0x00), (5_002, 0x00), (3, 0x00)] as [(Int, UInt8)] {
            var bad = bytes
            bad[at] = byte
            let path = dir.write("bad-\(at).csv", bytes: bad)
            #expect(try !CSVWindows.isPlainUTF8(FileSource(path: path), from: 0, parts: 2), "byte \(byte) at \(at)")
            #expect(try !CSVWindows.isPlainUTF8(FileSource(path: path), from: 0, parts: 1), "byte \(byte) at \(at)")
        }
        // No ASCII byte within 256 bytes of the middle: checked in one piece, still right.
        var wide = bytes
        for i in stride(from: 4_998, to: 5_400, by: 3) { (wide[i], wide[i + 1], wide[i + 2]) = (0xE2, 0x82, 0xAC) }
        let widePath = dir.write("wide.csv", bytes: wide)
        #expect(try CSVWindows.asciiSplit(FileSource(path: widePath), from: 0) == nil)
        #expect(try CSVWindows.isPlainUTF8(FileSource(path: widePath), from: 0, parts: 2))
        wide[6_000] = 0xFF
        let wideBad = dir.write("wide-bad.csv", bytes: wide)
        #expect(try !CSVWindows.isPlainUTF8(FileSource(path: wideBad), from: 0, parts: 2))
        // From a byte-order mark's end: the middle of the text, not of the file.
        let marked = dir.write("marked.csv", bytes: [0xEF, 0xBB, 0xBF] + bytes)
        #expect(try CSVWindows.asciiSplit(FileSource(path: marked), from: 3) == 3 + 5_003)
        #expect(try CSVWindows.isPlainUTF8(FileSource(path: marked), from: 3, parts: 2))
    }

    @Test func customersInWindowsGiveTheWholeFileResult() throws {
        let dir = FixtureDirectory("customersInWindowsGiveTheWholeFileResult")
        let path = dir.write("customers.csv", ParallelCustomersTests.file(rows: 3_000))
        func load(windowed: Bool) throws -> Dataset {
            var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
            builder.tableThreads = 2
            builder.windowedMinimumBytes = windowed ? 0 : .max
            builder.windowBytes = 4_096
            try builder.loadCustomers(path)
            return builder.dataset
        }
        let whole = try load(windowed: false), windowed = try load(windowed: true)
        #expect(windowed.customers == whole.customers)
        #expect(windowed.inputs == whole.inputs)
        // The rules of `ParallelCustomersTests.file`: 41 rows i % 73 == 17 have an unreadable
        // signup; the first, row 17, on line 19.
        let input = try #require(windowed.inputs.last)
        #expect(input.rowsRead == 3_000)
        let badSignup = try #require(input.skipped.first { $0.reason == "bad_date" })
        #expect(badSignup.examples.first?.line == 19)
        #expect(try #require(CSVWindows(file: FileSource(path: path), windowBytes: 4_096)).first.rowCount < 3_000)
    }

    @Test func ticketsAndSubscriptionsInWindowsGiveTheWholeFileResult() throws {
        let dir = FixtureDirectory("ticketsAndSubscriptionsInWindowsGiveTheWholeFileResult")
        let customers = dir.write("customers.csv", Self.customers)
        // Row i: customer C(i % 50); an unreadable creation (start) date when i % 37 == 20, on line i + 2.
        var tickets = "Ticket ID,Customer ID,Created At,Solved At,Priority,Status\n"
        var subscriptions = "Subscription ID,Customer ID,Plan,Billing Interval,Amount,Currency,Start Date,Canceled At,Status\n"
        for i in 0..<2_000 {
            let day = i % 37 == 20 ? "someday" : "2024-0\(i % 9 + 1)-1\(i % 10)"
            tickets += "T\(i),C\(i % 50),\(day) 10:00:00,2024-10-0\(i % 9 + 1) 12:00:00,normal,closed\n"
            subscriptions += "S\(i),C\(i % 50),Growth,month,\(100 + i % 7).00,USD,\(day),,active\n"
        }
        let ticketPath = dir.write("tickets.csv", tickets), subscriptionPath = dir.write("subscriptions.csv", subscriptions)
        func load(windowed: Bool) throws -> Dataset {
            var builder = DatasetBuilder(options: IngestOptions(), hasCustomerFile: true)
            builder.windowedMinimumBytes = windowed ? 0 : .max
            builder.windowBytes = 4_096
            try builder.loadCustomers(customers)
            try builder.loadTickets(ticketPath)
            try builder.loadSubscriptions(subscriptionPath)
            return builder.dataset
        }
        let whole = try load(windowed: false), windowed = try load(windowed: true)
        #expect(windowed.tickets == whole.tickets)
        #expect(windowed.subscriptions == whole.subscriptions)
        #expect(windowed.inputs == whole.inputs)
        // 54 rows with i % 37 == 20 in each file; the first, row 20, on line 22.
        for input in windowed.inputs.suffix(2) {
            #expect(input.rowsRead == 2_000)
            #expect(input.skipped.first?.count == 54)
            #expect(input.skipped.first?.examples.first?.line == 22)
        }
    }
}
