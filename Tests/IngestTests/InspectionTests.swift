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

@Suite struct InspectionLayoutTests {
    /// With a preset, "maps to" names the preset; the columns stay aligned to the longest cell.
    @Test func presetColumnsStayAligned() throws {
        let dir = FixtureDirectory()
        let path = dir.write("deals.csv", """
        Record ID,Deal Name,Associated Company IDs,Close Date,Amount,Deal Stage
        101,Renewal,9001,2024-07-01,1200,closedwon
        102,Upsell,9002,2024-06-15,300,closedlost

        """)
        let report = try inspect(path: path, options: IngestOptions(preset: .hubspot))
        #expect(!report.hasErrors)
        // The header carries HubSpot's deals signature, so inspect recognises it as report --input does.
        #expect(report.description == """
        \(path)
          encoding: UTF-8, delimiter: ",", 2 data rows
          holds: orders (by header: HubSpot deals)
          column                  maps to             samples
          Record ID               id (hubspot)        101 | 102
          Deal Name               -                   Renewal | Upsell
          Associated Company IDs  customer (hubspot)  9001 | 9002
          Close Date              date (hubspot)      2024-07-01 | 2024-06-15
          Amount                  amount (hubspot)    1200 | 300
          Deal Stage              status (hubspot)    closedwon | closedlost
          problems: none found
        """)
    }

    @Test func fileErrorsAreErrorsAndSkippedRowsAreNot() throws {
        let dir = FixtureDirectory()
        let skips = try inspect(path: dir.write("customers.csv", "Customer ID,Created Date\nC1,2024-13-01\n"))
        #expect(skips.problems.count == 1)
        #expect(!skips.hasErrors)
        let ambiguous = try inspect(path: dir.write("orders.csv", "Invoice ID,Customer ID,Date,Amount\nI1,C1,03/04/2024,10\n"))
        #expect(ambiguous.hasErrors)
        let missing = try inspect(path: dir.write("tickets.csv", "Ticket ID,Subject\nT1,Hello\n"))
        #expect(missing.hasErrors)
    }

    @Test func minorUnitsAndDurationsAreNamed() throws {
        let dir = FixtureDirectory()
        let path = dir.write("invoices.csv", "id,customer,created,amount_paid\nin_1,cus_A,2024-01-05,1999\n")
        let report = try inspect(path: path)
        #expect(report.columns.map(\.mapsTo) == ["id", "customer", "date", "amount (minor units)"])
        let tickets = try inspect(path: dir.write("tickets.csv", "Ticket ID,Created At,First response time (in hrs)\nT1,2024-01-01,01:00:00\n"))
        #expect(tickets.columns.map(\.mapsTo) == ["id", "created", "first_response_minutes (duration in hours or HH:MM:SS)"])
    }

    /// Aligned text is inspected as `report` reads it: the head (first 64 KiB) for the layout and
    /// samples, every line streamed. The report is the one reading the file whole gives.
    @Test func alignedTextIsStreamedPastItsHead() throws {
        // 3,000 lines of 27 bytes (" 00001 19970101  1   11.77" and a line end) = 81,000 bytes,
        // past the 65,536-byte head; line 2,999 starts at byte 2,998 × 27 = 80,946, past it too.
        var text = ""
        for i in 1...3000 {
            let id = String(i)
            let amount = i == 2999 ? "11.7x" : "11.77"  // not an amount: the one problem
            text += " " + String(repeating: "0", count: 5 - id.count) + id + " 19970101  1   " + amount + "\n"
        }
        #expect(text.utf8.count == 81_000)
        let path = FixtureDirectory().write("CDNOW_master.txt", text)
        let streamed = try inspect(path: path)
        #expect(streamed.rowCount == 3000)
        #expect(streamed.problems.count == 1)
        #expect(streamed.problems.first?.hasPrefix("\(path):2999:22: ") == true, "\(streamed.problems)")
        #expect(streamed.hasErrors == false)
        // The same file read whole (the table of all 3,000 lines, numbered one past the file's
        // lines because a CDNOW header is added) gives the same report, line for line.
        let whole = try #require(try AlignedText.read(Array(text.utf8)))
        let read = try inspect(path: path, rows: InspectedRows(table: whole.table, aligned: whole, lineShift: 1),
                               options: IngestOptions(), entity: nil, problems: [])
        #expect(streamed.description == read.description)
        #expect(read.rowCount == 3000)
    }

    @Test func alignedTextIsInspectedAsTheLoaderReadsIt() throws {
        let dir = FixtureDirectory()
        let path = dir.write("CDNOW_master.txt", " 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n")
        let report = try inspect(path: path)
        #expect(report.entity == .orders)
        #expect(report.delimiter == "none, columns aligned with spaces")
        #expect(report.columns.map(\.mapsTo) == ["customer (mapping)", "date (mapping)", "-", "amount (mapping)"])
        #expect(report.columns[3].samples == ["11.77", "12.00"])
        #expect(report.problems.isEmpty)
        // lifetimes' copy has a header line: its names are shown, mapped by position as the loader does.
        let headed = try inspect(path: dir.write("CDNOW_master.txt", " customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n"))
        #expect(headed.columns.map(\.header) == ["customer_id", "date", "number_of_cds", "dollar_value"])
        #expect(headed.columns.map(\.mapsTo) == ["customer (mapping)", "date (mapping)", "-", "amount (mapping)"])
        #expect(!headed.hasErrors)
    }
}
