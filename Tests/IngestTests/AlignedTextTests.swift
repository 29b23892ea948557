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
        // Customer 00003 is on the file's lines 4 and 5 (there is no header line); 3 of 5 rows matched.
        #expect(input.skipped.map(\.reason) == ["unknown_customer"])
        #expect(input.skipped[0].examples.map(\.description) == [
            "4:1: customer \"00003\" is not in the customer file", "5:1: customer \"00003\" is not in the customer file",
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
}
