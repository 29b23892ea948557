import Testing
import Model
@testable import Ingest

/// Space-aligned exports. The lines are the first lines of lifetimes' `CDNOW_master.txt`
/// (github.com/CamDavidsonPilon/lifetimes, lifetimes/datasets/CDNOW_master.txt), which has the
/// header ` customer_id  date number_of_cds  dollar_value`; the original CDNOW file has none.
@Suite struct AlignedTextTests {
    static let lines = """
     00001 19970101  1   11.77
     00002 19970112  1   12.00
     00002 19970112  5   77.00
     00003 19970102  2   20.76
     00003 19970330  2   20.76

    """

    @Test func cdnowWithItsHeaderIsReadAsOrders() throws {
        let dir = FixtureDirectory()
        let path = dir.write("CDNOW_master.txt", " customer_id  date number_of_cds  dollar_value\n" + Self.lines)
        #expect(InputFiles.discover(inDirectory: dir.path).orders == path)
        let data = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions())
        // Customers come from the orders: 00001, 00002, 00003, signed up on their first order day.
        #expect(data.customers.map(\.id) == ["00001", "00002", "00003"])
        #expect(data.customers.map { $0.signup.description } == ["1997-01-01", "1997-01-12", "1997-01-02"])
        #expect(data.orders.map(\.amount) == [11.77, 12.00, 77.00, 20.76, 20.76])
        #expect(data.orders.map(\.customer) == [0, 1, 1, 2, 2])
        let input = try #require(accounting(data, "orders"))
        #expect(input.rowsRead == 5 && input.rowsUsed == 5)
        #expect(input.warnings == ["read as columns aligned with spaces: customer_id, date, number_of_cds, dollar_value"])
    }

    @Test func cdnowWithoutHeaderKeepsItsLineNumbers() throws {
        let dir = FixtureDirectory()
        let path = dir.write("CDNOW_master.txt", Self.lines)
        let customers = dir.write("customers.csv", "Customer ID,Created Date\n00001,1997-01-01\n00002,1997-01-01\n")
        let data = try DatasetLoader.load(InputFiles(customers: customers, orders: path), options: IngestOptions())
        #expect(data.orders.count == 3)
        let input = try #require(accounting(data, "orders"))
        #expect(input.warnings == ["read as columns aligned with spaces: customer_id, date, quantity, amount "
            + "(no header line; the columns are those of the CDNOW layout)"])
        // Customer 00003 is on the file's lines 4 and 5 (there is no header line), its value from
        // character 2 (after the line's leading space); 3 of 5 rows matched.
        #expect(input.skipped.map(\.reason) == ["unknown_customer"])
        #expect(input.skipped[0].examples.map(\.description) == [
            "4:2: customer \"00003\" is not in the customer file", "5:2: customer \"00003\" is not in the customer file",
        ])
        #expect(input.join?.rate == 0.6)
    }

    @Test func alignedColumnsWithAHeaderAreReadForAnyEntity() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.txt", """
        Customer ID   Company Name   Created Date
        C1            Acme           2024-01-01
        C2            Globex         2024-02-01

        """)
        let data = try DatasetLoader.load(InputFiles(customers: path), options: IngestOptions())
        #expect(data.customers.map(\.name) == ["Acme", "Globex"])
    }

    /// Values with single spaces cannot be told from the gaps: refused, naming the delimiter problem.
    @Test func unsplittableAlignedTextIsRefused() {
        let dir = FixtureDirectory()
        let path = dir.write("customers.txt", """
        Customer ID   Company Name   Created Date
        C1   Acme Inc   2024-01-01
        C2   Globex   2024-02-01

        """)
        #expect(loadError(InputFiles(customers: path)) == "\(path):3:1: error: the columns are aligned with spaces, not "
            + "separated by a delimiter (, ; tab or |), and this line has 3 space-separated values where line 2 has 4; "
            + "values with spaces cannot be told apart from the gaps between columns — export the file as CSV "
            + "(comma- or tab-separated)")
    }

    @Test func csvFilesAreNotAlignedText() throws {
        #expect(try AlignedText.read(Array("Customer ID,Name\nC1,Acme Inc\n".utf8)) == nil)
        #expect(try AlignedText.read(Array("Customer ID\tName\nC1\tAcme Inc\n".utf8)) == nil)
        #expect(try AlignedText.read(Array("\"Customer ID\"\n\"C1\"\n".utf8)) == nil)
    }

    /// The rows a stream gives, as "line: values".
    static func streamed(_ text: String, chunkSize: Int) throws -> [String] {
        let dir = FixtureDirectory("streamed\(chunkSize)")
        let path = dir.write("aligned.txt", text)
        let layout = try #require(try AlignedText.read(Array(text.utf8))).layout
        var stream = AlignedTextStream(file: try FileSource(path: path), path: path, layout: layout, encoding: .utf8)
        stream.chunkSize = chunkSize
        var rows: [String] = []
        var bytes = 0
        try stream.forEachRow(raw: { bytes += $0.count }) { row in
            rows.append("\(row.line): " + (0..<row.count).map { row.string($0) ?? "" }.joined(separator: "|"))
        }
        #expect(bytes == text.utf8.count)  // every byte passes the digest once
        return rows
    }

    @Test func streamingSplitsLinesAcrossChunksWithTheirOwnNumbers() throws {
        // A header, CRLF line ends, a blank line (line 4) and no final line end.
        let text = " customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n"
            + " 00002 19970112  1   12.00\r\n\r\n 00003 19970102  2   20.76"
        let expected = ["2: 00001|19970101|1|11.77", "3: 00002|19970112|1|12.00", "5: 00003|19970102|2|20.76"]
        // Chunks of 1 byte split every CRLF; 7 and 29 split values and lines anywhere; 4 MiB holds the file.
        for size in [1, 7, 29, 1 << 22] {
            #expect(try Self.streamed(text, chunkSize: size) == expected, "chunk size \(size)")
        }
    }

    @Test func aLineWithOtherValuesAfterTheHeadIsRefusedWhileStreaming() throws {
        // The head (first 64 KiB) is regular; line 3,001 has a value with a space in it.
        var text = ""
        for i in 1...3_000 { text += String(format: " %05d 19970101  1   %d.50\n", i, i % 90) }
        text += " 03001 19970101  1 x  9.50\n"
        #expect(text.utf8.count > 1 << 16)
        let dir = FixtureDirectory()
        let path = dir.write("CDNOW_master.txt", text)
        #expect(loadError(InputFiles(orders: path)) == "\(path):3001:1: error: the columns are aligned with spaces, not "
            + "separated by a delimiter (, ; tab or |), and this line has 5 space-separated values where line 1 has 4; "
            + "values with spaces cannot be told apart from the gaps between columns — export the file as CSV "
            + "(comma- or tab-separated)")
    }

    @Test func aFileLongerThanOneReadChunkGivesTheSameOrdersAsItsCSV() throws {
        // 90,000 CDNOW-layout lines padded to wide columns (about 4.9 MB, more than the 4 MiB read
        // chunk): order i is customer i mod 1000 + 1, on day 1 + ⌊i ÷ 12000⌋ mod 28 of month
        // 1 + ⌊i ÷ 1000⌋ mod 12 of 1997, for (i mod 100) + 0.25 dollars.
        let ids = (1...1000).map { Array(String(format: "%05d", $0).utf8) }
        let dates: [[UInt8]] = (0..<(12 * 28)).map { (k: Int) -> [UInt8] in
            Array(String(format: "1997%02d%02d", 1 + k % 12, 1 + k / 12).utf8)
        }
        let amounts = (0..<100).map { Array("\($0).25".utf8) }
        var alignedBytes = Array(" customer_id  date number_of_cds  dollar_value\n".utf8)
        var csvBytes = Array("customer_id,date,number_of_cds,dollar_value\n".utf8)
        let pad = Array(repeating: UInt8(0x20), count: 8)
        let gap = pad + Array("1".utf8) + pad, quantity = Array(",1,".utf8)
        for i in 0..<90_000 {
            let id = ids[i % 1000], date = dates[(i / 1000) % 12 + 12 * ((i / 12000) % 28)], amount = amounts[i % 100]
            alignedBytes += pad
            alignedBytes += id
            alignedBytes += pad
            alignedBytes += date
            alignedBytes += gap
            alignedBytes += amount
            alignedBytes.append(0x0A)
            csvBytes += id
            csvBytes.append(0x2C)
            csvBytes += date
            csvBytes += quantity
            csvBytes += amount
            csvBytes.append(0x0A)
        }
        let aligned = String(decoding: alignedBytes, as: UTF8.self), csv = String(decoding: csvBytes, as: UTF8.self)
        #expect(aligned.utf8.count > 1 << 22)
        let dir = FixtureDirectory()
        let data = try DatasetLoader.load(InputFiles(orders: dir.write("CDNOW_master.txt", aligned)), options: IngestOptions())
        // Σ (i mod 100) = 900 × (0 + … + 99) = 900 × 4950 = 4,455,000; plus 90,000 × 0.25 = 22,500.
        #expect(data.orders.count == 90_000)
        #expect(data.customers.count == 1000)
        #expect(data.orders.reduce(0) { $0 + $1.amount } == 4_477_500)
        let input = try #require(accounting(data, "orders"))
        #expect(input.rowsRead == 90_000 && input.rowsUsed == 90_000)
        #expect(input.sha256 == SHA256.hex(of: Array(aligned.utf8)))
        // The same orders, customers and days as the comma-separated copy read by the CSV path.
        var options = IngestOptions()
        for mapping in ["orders.customer=customer_id", "orders.date=date", "orders.amount=dollar_value"] {
            try options.addMapping(mapping)
        }
        let reference = try DatasetLoader.load(InputFiles(orders: dir.write("orders.csv", csv)), options: options)
        #expect(data.orders == reference.orders)
        #expect(data.customers.map(\.id) == reference.customers.map(\.id))
    }
}
