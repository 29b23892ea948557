import Testing
@testable import Ingest

@Suite struct InspectionTests {
    @Test func describesEncodingColumnsSamplesAndProblems() throws {
        let dir = FixtureDirectory()
        let path = dir.write("customers.csv", "Customer ID;Company Name;Created Date;Notes\nC1;Acme;2024-01-01;\"two\nlines\"\nC2;Globex;2024-13-01;x\nC3;Initech\nC4;Hooli;2024-02-03;y\n")
        let report = try inspect(path: path)
        #expect(report.rowCount == 4)
        #expect(report.entity == .customers)
        #expect(report.columns.map(\.field) == ["id", "name", "signup", nil])
        #expect(report.columns[0].samples == ["C1", "C2", "C3"])
        #expect(report.description == """
        \(path)
          encoding: UTF-8, delimiter: ";", 4 data rows
          holds: customers (by file name)
          column        maps to  samples
          Customer ID   id       C1 | C2 | C3
          Company Name  name     Acme | Globex | Initech
          Created Date  signup   2024-01-01 | 2024-13-01 | 2024-02-03
          Notes         -        two⏎lines | x | y
          problems:
            \(path):4:11: cannot read date "2024-13-01" in column "Created Date"
            \(path):5:11: row has 2 fields, the header has 4
        """)
    }

    @Test func findsTheEntityFromTheHeaderAndReportsAmbiguousDates() throws {
        let dir = FixtureDirectory()
        let path = dir.write("export.csv", "Invoice ID,Customer ID,Date,Amount\nI1,C1,03/04/2024,10\n")
        let report = try inspect(path: path)
        #expect(report.entity == .orders)
        #expect(report.entityReason == "header")
        #expect(report.problems == ["\(path):1:24: error: column \"Date\" has dates like 03/04/2024 that could be day-first "
            + "or month-first; set date_format (e.g. --date-format \"Date=dd/MM/yyyy\")"])
    }
}
