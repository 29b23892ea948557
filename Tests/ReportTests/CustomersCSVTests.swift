import Testing
import Metrics
import Model
@testable import Report

/// `--customers-csv`: one row per customer for a CRM import.
@Suite struct CustomersCSVTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// Customer records only (no revenue, surveys or tickets), as of 2024-03-31: every customer
    /// signed up by then is active, and tenure is the only rule with data, so score = 100 × its fraction.
    static func analysis() -> (RetentionAnalysis, [Customer]) {
        let customers = [
            // 2023-01-01 → 2024-03-31 = 455 days ≥ 365: full points → 100, green.
            Customer(id: "A", name: "Smith, \"Jo\"", signup: day("2023-01-01"), attributes: ["Email": "jo@Example.com"]),
            // 2024-02-01 → 2024-03-31 = 59 days: on the continuous scale through (0 days, 0), (90, ½),
            // (365, 1): ½ · 59 ÷ 90 = 0.32778 → 3.2778 of 10 points, score 32.778, red.
            Customer(id: "B", name: "=HYPERLINK(\"http://x\",\"y\")", signup: day("2024-02-01"),
                     attributes: ["domain": "b.example"]),
            // Signs up after as-of: not active, not scored.
            Customer(id: "-C3", signup: day("2024-06-01")),
        ]
        let configuration = MetricsConfiguration(asOf: day("2024-03-31"))
        return (RetentionAnalysis(dataset: Dataset(customers: customers), configuration: configuration), customers)
    }

    @Test func oneRowPerCustomerWithStableHeadersQuotingAndFormulaGuard() {
        let (analysis, customers) = Self.analysis()
        let text = String(decoding: CustomersCSV.bytes(analysis: analysis, customers: customers), as: UTF8.self)
        let expected = [
            "customer_id,name,email,domain,as_of,active,health_score,health_status,health_reasons,monthly_revenue,p_alive,expected_purchases_13w,expected_purchases_52w,clv_12m,churn_probability_90d",
            "A,\"Smith, \"\"Jo\"\"\",jo@Example.com,example.com,2024-03-31,true,100,green,Tenure: customer for 455 days (10 of 10),0,,,,,",
            "B,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,b.example,2024-03-31,true,\(100 * 0.5 * 59 / 90.0),red,Tenure: customer for 59 days (\(10 * 0.5 * 59 / 90.0) of 10),0,,,,,",
            "'-C3,,,,2024-03-31,false,,,,,,,,,",
            // (No revenue history: no purchase model applies and the churn model has no month ends to learn from,
            // so the five prediction columns are empty.)
        ].map { $0 + "\n" }.joined()
        #expect(text == expected)
    }

    /// A composed cell (the domain, written in place) is quoted and guarded as a text cell is:
    /// a domain column of "=1+2" gets the formula guard, one with a comma or a leading space is
    /// quoted, an ordinary one is left as written, and a customer without one gets an empty cell.
    @Test func composedCellsAreQuotedAndGuardedLikeTextCells() {
        let domains = ["=1+2", "a,b.example", " padded.example", "plain.example", nil]
        let customers = domains.enumerated().map { i, d in
            Customer(id: "D\(i)", signup: Self.day("2023-01-01"), attributes: d.map { ["domain": $0] } ?? [:])
        }
        let analysis = RetentionAnalysis(dataset: Dataset(customers: customers),
                                         configuration: MetricsConfiguration(asOf: Self.day("2024-03-31")))
        let rows = String(decoding: CustomersCSV.bytes(analysis: analysis, customers: customers), as: UTF8.self)
            .split(separator: "\n").dropFirst().map(String.init)
        // No name and no e-mail: the domain is the fourth cell, as-of the fifth.
        let starts = ["D0,,,'=1+2,2024-03-31,", "D1,,,\"a,b.example\",2024-03-31,", "D2,,,\" padded.example\",2024-03-31,",
                      "D3,,,plain.example,2024-03-31,", "D4,,,,2024-03-31,"]
        #expect(rows.count == starts.count)
        for (row, start) in zip(rows, starts) { #expect(row.hasPrefix(start), "\(row)") }
    }

    /// Two rules with data (NPS and tenure): each "Rule: reason (points of max)", in configuration
    /// order, joined by "; ". NPS 8 on 2024-03-01 is passive: (8 − 6) ÷ 3 × 20 points
    /// = 13.333333333333332; tenure 455 days ≥ 365 gives all 10.
    @Test func reasonsOfSeveralRulesAreJoinedBySemicolons() throws {
        let customers = [Customer(id: "A", signup: Self.day("2023-01-01"))]
        let dataset = Dataset(customers: customers,
                              surveys: [SurveyResponse(customer: 0, day: Self.day("2024-03-01"), kind: .nps, score: 8)])
        let analysis = RetentionAnalysis(dataset: dataset, configuration: MetricsConfiguration(asOf: Self.day("2024-03-31")))
        let score = try #require(analysis.health.scores.first)
        let points = (8.0 - 6) / 3 * 20
        #expect(CustomersCSV.reasons(score)
            == "NPS: latest NPS 8 (passive) on 2024-03-01 (\(points) of 20); Tenure: customer for 455 days (10 of 10)")
    }

    /// The header row is the first piece, then one piece per block of customers in customer
    /// order, whatever the number of threads making the blocks.
    @Test(arguments: [1, 2, 3, 4])
    func piecesAreTheHeaderThenBlocksInCustomerOrder(threads: Int) {
        let (analysis, customers) = Self.analysis()
        let whole = CustomersCSV.bytes(analysis: analysis, customers: customers)
        let lines = whole.split(separator: 0x0A).map { Array($0) + [0x0A] }  // header, A, B, -C3
        for (blockSize, expected) in [(1, [[0], [1], [2], [3]]), (2, [[0], [1, 2], [3]]), (3, [[0], [1, 2, 3]]), (9, [[0], [1, 2, 3]])] {
            var pieces: [[UInt8]] = []
            CustomersCSV.write(analysis: analysis, customers: customers, blockSize: blockSize, threads: threads) {
                (piece: [UInt8]) -> Void in pieces.append(piece)
            }
            #expect(pieces == expected.map { $0.flatMap { lines[$0] } }, "block size \(blockSize)")
        }
    }

    /// Many customers made on 1 to 4 threads in blocks of 1 to 4096: the same bytes.
    @Test func theBytesDoNotDependOnThreadsOrBlockSize() {
        let customers = (0..<1000).map { i in
            // Signups 2023-01-01 + i % 400 days; as-of 2024-03-31 (455 days after the first).
            Customer(id: "C\(i)", name: i % 7 == 0 ? "Name, \(i)" : "N\(i)", signup: Day(iso: "2023-01-01")!.adding(days: i % 400),
                     attributes: ["Email": "c\(i)@Host\(i % 3).example"])
        }
        let analysis = RetentionAnalysis(dataset: Dataset(customers: customers),
                                         configuration: MetricsConfiguration(asOf: Self.day("2024-03-31")))
        let reference = CustomersCSV.bytes(analysis: analysis, customers: customers)
        // Header + 1000 rows; row C7 quotes its name.
        #expect(reference.filter { $0 == 0x0A }.count == 1001)
        #expect(String(decoding: reference, as: UTF8.self).contains("\nC7,\"Name, 7\",c7@Host1.example,host1.example,2024-03-31,true,"))
        for threads in 1...4 {
            for blockSize in [1, 7, 333, 4096] {
                var bytes: [UInt8] = []
                CustomersCSV.write(analysis: analysis, customers: customers, blockSize: blockSize, threads: threads) {
                    (piece: [UInt8]) -> Void in bytes += piece
                }
                #expect(bytes == reference, "\(threads) threads, blocks of \(blockSize)")
            }
        }
    }

    @Test func cellsAreQuotedOnlyWhenNeededAndFormulasNeutralised() {
        func cell(_ text: String, _ kind: CustomersCSV.Kind = .text) -> String {
            var out: [UInt8] = []
            CustomersCSV.appendCell(text, kind: kind, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(cell("plain") == "plain")
        #expect(cell("a,b") == "\"a,b\"")
        #expect(cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(cell("two\nlines") == "\"two\nlines\"")
        #expect(cell(" padded") == "\" padded\"")
        #expect(cell("+1 555") == "'+1 555")
        #expect(cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(cell("\t=1") == "'\t=1")
        #expect(cell("-12.5", .number) == "-12.5")
        #expect(cell("Ünïcode – ok") == "Ünïcode – ok")
    }

    /// The domain cell written on bytes (ASCII e-mails) is the text ``CustomersCSV/Row/domain``
    /// gives: after the last `@`, lower-cased; none when there is no `@` or nothing after it; a
    /// domain column first; non-ASCII e-mails through the text path (a combining accent on the
    /// `@` makes it another character, so `a@\u{301}b.example` has no domain).
    @Test func domainBytesAreTheDomainText() {
        let cases: [(email: String?, domainColumn: String?, expected: String?)] = [
            ("jo@Example.COM", nil, "example.com"), ("a@b@Sub.Example", nil, "sub.example"),
            ("no-at-sign", nil, nil), ("x@", nil, nil), ("ü@Bücher.DE", nil, "bücher.de"),
            ("a@\u{301}b.example", nil, nil), ("jo@Example.com", "Given.example", "Given.example"), (nil, nil, nil),
            // A non-ASCII name before an ASCII `@` and domain: cut on the bytes.
            ("eva.müller1@Example.COM", nil, "example.com"), ("ü@Example.com", nil, "example.com"),
            ("a\u{301}@B.example", nil, "b.example"),
            // U+0600 (ARABIC NUMBER SIGN) is a prepended mark: "\u{600}@" is one character, not an `@`.
            ("\u{600}@x.example", nil, nil), ("ü-no-at", nil, nil),
        ]
        for c in cases {
            var attributes: [String: String] = [:]
            attributes["email"] = c.email
            attributes["domain"] = c.domainColumn
            let customers = [Customer(id: "A", signup: Self.day("2023-01-01"), attributes: attributes)]
            var row = CustomersCSV.Row(customers: customers, asOf: "2024-03-31",
                                       emailHeaders: ["email"], domainHeaders: ["domain"])
            row.select(0)
            #expect(row.email == c.email)
            var out: [UInt8] = []
            let written = row.appendDomain(to: &out)
            #expect(row.domain == c.expected, "\(c)")
            #expect((written ? String(decoding: out, as: UTF8.self) : nil) == c.expected, "\(c)")
        }
    }

    /// Words of eight bytes are tested at once: every position of each special byte in texts of
    /// 0–40 bytes, and 20,000 random texts, against the byte-by-byte definition.
    @Test func quotingIsNeededExactlyForCommaQuoteAndLineBreaks() {
        func definition(_ bytes: [UInt8]) -> Bool { bytes.contains { [0x2C, 0x22, 0x0A, 0x0D].contains($0) } }
        func answer(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { CustomersCSV.needsQuotes($0) } }
        for length in 0...40 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(!answer(plain))
            for position in 0..<length {
                // Neighbours of the special bytes (+, !, 0x0B, 0x0C, 0xAC, 0xA2) must not count.
                for byte: UInt8 in [0x2C, 0x22, 0x0A, 0x0D, 0x2B, 0x21, 0x0B, 0x0C, 0xAC, 0xA2, 0x00, 0xFF] {
                    var bytes = plain
                    bytes[position] = byte
                    #expect(answer(bytes) == definition(bytes), "\(length) \(position) \(byte)")
                }
            }
        }
        var state: UInt64 = 7
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 58)  // 0…63
            let bytes = (0..<length).map { k in UInt8(truncatingIfNeeded: (state >> UInt64(k % 48)) &* 0x9E) | (k % 5 == 0 ? 0 : 0x40) }
            #expect(answer(bytes) == definition(bytes))
        }
    }

    @Test func numbersAreFullPrecisionWithoutGrouping() {
        #expect(CustomersCSV.number(100) == "100")
        #expect(CustomersCSV.number(-0.0) == "0")
        #expect(CustomersCSV.number(200.0 / 3) == "66.66666666666667")
        #expect(CustomersCSV.number(1234567.5) == "1234567.5")
        #expect(CustomersCSV.number(.nan) == nil)
    }
}

extension CustomersCSVTests {
    @Test func numbersAreWrittenWithoutBuildingText() {
        func text(_ value: Double) -> String {
            var out: [UInt8] = []
            CustomersCSV.appendNumber(value, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        // Whole numbers below 10^15 as digits; from 10^15 on, and every fraction, Swift's shortest
        // form (which switches to an exponent from 2^53 ≈ 9.007e15 on).
        #expect(text(-42) == "-42" && text(999_999_999_999_999) == "999999999999999")
        #expect(text(1e15) == "1000000000000000.0" && text(1e16) == "1e+16" && text(0.1 + 0.2) == "0.30000000000000004")
        #expect(text(.infinity).isEmpty && text(-0.0) == "0")
    }

    /// E-mail / domain headers are found whatever list of attribute names a customer has (the
    /// loader shares one list among a file's customers, empty values included): a header counts
    /// once some customer has a non-empty value for it, in the order of the keys, then of the header text.
    @Test func contactHeadersAreThoseWithAValueInAnyNameList() {
        func customer(_ id: String, _ names: CustomerAttributes.Names, _ values: [String]) -> Customer {
            Customer(id: id, signup: Self.day("2023-01-01"), attributeValues: CustomerAttributes(names: names) { values[$0] })
        }
        // Sorted names: "E mail" (normalises to "email"), "Email", "Website".
        let first = CustomerAttributes.Names(["Website", "E mail", "Email"])
        // Another file's list: "Primary_Email" ("primaryemail").
        let second = CustomerAttributes.Names(["Primary_Email"])
        let customers = [
            customer("A", first, ["", "", ""]),
            customer("B", first, ["b@x.example", "", ""]),
            customer("C", second, ["c@y.example"]),
            customer("D", first, ["", "", "x.example"]),
            Customer(id: "E", signup: Self.day("2023-01-01")),
        ]
        let emailKeys = ["email", "e-mail", "emailaddress", "primaryemail", "contactemail"]
        // "E mail" ranks with "email" (0), "Primary_Email" with "primaryemail" (3); "Email" never has a value.
        #expect(CustomersCSV.headers(customers, emailKeys) == ["E mail", "Primary_Email"])
        // "Website" has a value only for D, after customers of the other list.
        #expect(CustomersCSV.headers(customers, ["domain", "companydomainname", "companydomain", "website"]) == ["Website"])
        #expect(CustomersCSV.headers(Array(customers.prefix(1)), emailKeys) == [])
        #expect(CustomersCSV.headers([], emailKeys) == [])
    }
}
