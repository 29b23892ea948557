import Testing
@testable import Ingest

private func table(_ text: String) throws -> CSVTable { try CSVTable(bytes: Array(text.utf8)) }
private func rows(_ t: CSVTable) -> [[String]] {
    (0..<t.rowCount).map { r in (0..<t.fieldCount(ofRow: r)).map { t.string(row: r, column: $0) } }
}

@Suite struct CSVTableTests {
    @Test func readsHeaderAndRowsWithLF() throws {
        let t = try table("id,name\n1,Acme\n2,Globex\n")
        #expect(t.header == ["id", "name"])
        #expect(rows(t) == [["1", "Acme"], ["2", "Globex"]])
        #expect(t.line(ofRow: 0) == 2)
        #expect(t.line(ofRow: 1) == 3)
    }

    @Test func crlfAndCrOnlyLineEndsGiveTheSameRecords() throws {
        let crlf = try table("id,name\r\n1,Acme\r\n2,Globex\r\n")
        let cr = try table("id,name\r1,Acme\r2,Globex")
        #expect(rows(crlf) == [["1", "Acme"], ["2", "Globex"]])
        #expect(rows(cr) == rows(crlf))
        #expect(cr.line(ofRow: 1) == 3)
    }

    @Test func quotedFieldsKeepDelimitersDoubledQuotesAndNewlines() throws {
        let t = try table("id,comment,score\n1,\"Great, really \"\"great\"\"\nsecond line\",9\n2,plain,7\n")
        #expect(rows(t) == [["1", "Great, really \"great\"\nsecond line", "9"], ["2", "plain", "7"]])
        // The quoted newline advances the physical line: row 2 starts on line 4.
        #expect(t.line(ofRow: 0) == 2)
        #expect(t.line(ofRow: 1) == 4)
    }

    @Test func quotedCRLFInsideFieldCountsAsOneLine() throws {
        let t = try table("a,b\r\n\"x\r\ny\",1\r\n2,3\r\n")
        #expect(rows(t) == [["x\r\ny", "1"], ["2", "3"]])
        #expect(t.line(ofRow: 1) == 4)
    }

    @Test func blankLinesAreSkippedAndNotRows() throws {
        let t = try table("id,name\n\n1,Acme\n\n\n2,Globex\n\n\n")
        #expect(t.rowCount == 2)
        #expect(t.line(ofRow: 0) == 3)
        #expect(t.line(ofRow: 1) == 6)
    }

    @Test func raggedRowsKeepTheirOwnFieldCounts() throws {
        let t = try table("a,b,c\n1,2\n1,2,3,4\n")
        #expect(t.fieldCount(ofRow: 0) == 2)
        #expect(t.fieldCount(ofRow: 1) == 4)
        #expect(t.string(row: 0, column: 2) == "")
    }

    @Test func trailingEmptyFieldIsAField() throws {
        let t = try table("a,b\n1,\n")
        #expect(rows(t) == [["1", ""]])
        let noNewline = try table("a,b\n1,")
        #expect(rows(noNewline) == [["1", ""]])
    }

    @Test func strayTextAfterClosingQuoteIsJoined() throws {
        let t = try table("a,b\n\"ab\"c,2\n")
        #expect(rows(t) == [["abc", "2"]])
    }

    @Test func unterminatedQuoteIsALocatedError() {
        #expect(throws: CSVReadError.unterminatedQuote(line: 3, column: 3)) {
            try table("a,b\n1,2\n3,\"never closed\n4,5\n")
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: CSVReadError.empty) { try table("") }
        #expect(throws: CSVReadError.empty) { try table("\n\r\n") }
    }

    @Test func nulByteMeansBinary() {
        #expect(throws: CSVReadError.binary(offset: 3)) { try CSVTable(bytes: [0x61, 0x2C, 0x62, 0x00, 0x0A]) }
    }

    @Test(arguments: [(",", UInt8(0x2C)), (";", 0x3B), ("\t", 0x09), ("|", 0x7C)])
    func detectsDelimiterFromHeader(delimiter: String, byte: UInt8) throws {
        let t = try table("id\(delimiter)name\(delimiter)amount\n1\(delimiter)Acme\(delimiter)3\n")
        #expect(t.delimiter == byte)
        #expect(t.header == ["id", "name", "amount"])
    }

    @Test func delimiterDetectionIgnoresQuotedCommas() throws {
        // Two commas inside quotes, three semicolons outside.
        let t = try table("\"Name, full\";\"City, ST\";id;x\na;b;c;d\n")
        #expect(t.delimiter == 0x3B)
        #expect(t.header == ["Name, full", "City, ST", "id", "x"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "Zoë" is 3 characters but 4 bytes, so the field after it starts at character column 5.
        let t = try table("name,city\nZoë,Paris\n")
        #expect(t.characterColumn(row: 0, column: 1) == 5)
        #expect(t.characterColumn(row: 0, column: 0) == 1)
    }

    @Test func columnOfQuotedFieldIsItsOpeningQuote() throws {
        let t = try table("a,b\n1,\"x\"\n")
        #expect(t.characterColumn(row: 0, column: 1) == 3)
    }

    @Test func swarScanFindsEveryStopByte() {
        // Every position of a stop byte inside a 20-byte run must be found exactly.
        for stop in [UInt8(0x2C), 0x0A, 0x0D] {
            for at in 0..<20 {
                var bytes = [UInt8](repeating: 0x61, count: 20)
                bytes[at] = stop
                let found = bytes.withUnsafeBufferPointer {
                    CSVScanner.scanUnquoted($0.baseAddress!, from: 0, count: 20, delimiter: 0x2C)
                }
                #expect(found == at)
            }
        }
    }
}

@Suite struct EncodingTests {
    @Test func utf8BOMIsDropped() throws {
        let t = try CSVTable(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\n1,Zoë\n".utf8))
        #expect(t.encoding == .utf8WithBOM)
        #expect(t.header == ["id", "name"])
        #expect(t.string(row: 0, column: 1) == "Zoë")
        #expect(t.warnings.isEmpty)
    }

    @Test func utf16LittleEndianIsTranscoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "id;name\r\n1;Zoë 😀\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let t = try CSVTable(bytes: bytes)
        #expect(t.encoding == .utf16LE)
        #expect(t.delimiter == 0x3B)
        #expect(t.string(row: 0, column: 1) == "Zoë 😀")
    }

    @Test func utf16BigEndianIsTranscoded() throws {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in "id,name\n1,Zoë\n".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let t = try CSVTable(bytes: bytes)
        #expect(t.encoding == .utf16BE)
        #expect(t.string(row: 0, column: 1) == "Zoë")
    }

    @Test func invalidUTF8FallsBackToWindows1252WithAWarning() throws {
        // "Café" with é as 0xE9, and the euro sign as 0x80 in Windows-1252.
        let bytes = Array("id,name,price\n1,Caf".utf8) + [0xE9] + Array(",".utf8) + [0x80] + Array("5\n".utf8)
        let t = try CSVTable(bytes: bytes)
        #expect(t.encoding == .windows1252)
        #expect(t.string(row: 0, column: 1) == "Café")
        #expect(t.string(row: 0, column: 2) == "€5")
        #expect(t.warnings == ["decoded as Windows-1252: the file is not valid UTF-8"])
    }

    @Test func utf8ValidationRejectsOverlongAndSurrogates() {
        #expect(UTF8Validation.isValid(Array("plain ascii text, long enough for words".utf8)))
        #expect(UTF8Validation.isValid(Array("Zoë € 😀".utf8)))
        #expect(!UTF8Validation.isValid([0xC0, 0xAF]))          // overlong "/"
        #expect(!UTF8Validation.isValid([0xED, 0xA0, 0x80]))    // surrogate D800
        #expect(!UTF8Validation.isValid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        #expect(!UTF8Validation.isValid([0x61, 0xE2, 0x82]))    // truncated €
        let truncated: [UInt8] = [0x61, 0xE2, 0x82]
        #expect(truncated.withUnsafeBufferPointer { UTF8Validation.isValid($0, allowTruncatedEnd: true) })
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let bytes = [UInt8](repeating: 0x61, count: 1000)  // "a" × 1000
        var h = SHA256()
        h.update(Array(bytes[0..<3]))
        h.update(Array(bytes[3..<130]))
        h.update(Array(bytes[130...]))
        #expect(h.finalizeHex() == SHA256.hex(of: bytes))
        // One million "a": the FIPS 180-2 long vector.
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct ByteKeyedIndexTests {
    @Test func findsShortAndLongKeysAndRejectsNearMisses() {
        var index = ByteKeyedIndex()
        let keys = (0..<5000).map { "C\($0)" } + (0..<500).map { "customer-with-a-long-id-\($0)" } + ["", "é"]
        for (i, k) in keys.enumerated() { #expect(index.insert(k) == i) }
        #expect(index.count == keys.count)
        for (i, k) in keys.enumerated() { #expect(index.value(for: k) == i) }
        #expect(index.value(for: "C5000") == nil)
        #expect(index.value(for: "customer-with-a-long-id-500") == nil)
        #expect(index.value(for: "customer-with-a-long-id-49") == 5049)
        // Re-inserting returns the existing number.
        #expect(index.insert("C7") == 7)
    }

    @Test func keysOfNineToSixteenBytesAreComparedWhole() {
        // Held in the slot's two words: near misses differ in the second word only.
        var index = ByteKeyedIndex()
        let keys = (0..<3000).map { "CUST-\(String(1_000_000 + $0).dropFirst())" }  // 11 bytes: CUST-000000 …
            + ["ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOQ", "ABCDEFGHI"]                   // 16, 16 and 9 bytes
        for (i, k) in keys.enumerated() { #expect(index.insert(k) == i) }
        for (i, k) in keys.enumerated() { #expect(index.value(for: k) == i) }
        #expect(index.value(for: "CUST-003000") == nil)
        #expect(index.value(for: "CUST-0000001") == nil)       // one byte longer
        #expect(index.value(for: "ABCDEFGHIJKLMNOPQ") == nil)  // 17 bytes, the first 16 stored
        #expect(index.value(for: "ABCDEFGH") == nil)           // the 9-byte key's first 8
    }

    @Test func aCacheWorksOutEachDistinctKeyOnce() {
        var cache = ByteKeyedCache<Int>(limit: 2)
        var calls = 0
        func look(_ text: String) -> Int {
            var t = text
            return t.withUTF8 { cache.value(for: $0) { calls += 1; return $0.count } }
        }
        #expect([look("usd"), look("usd"), look("euro"), look("usd"), look("euro")] == [3, 3, 4, 3, 4])
        #expect(calls == 2)
        // Past the limit, a third key is worked out every time.
        #expect([look("pound"), look("pound")] == [5, 5])
        #expect(calls == 4)
    }

    @Test func fingerprintSetFindsRepeats() {
        var set = FingerprintSet()
        var fresh = 0
        for i in 0..<20_000 {
            var key = "INV\(i % 15_000)"
            if key.withUTF8({ set.insert(IDFingerprint($0)) }) { fresh += 1 }
        }
        #expect(fresh == 15_000)
        #expect(set.count == 15_000)
        // Another partition's set: INV14990 … INV15009 share the first ten with this one.
        var other = FingerprintSet(expected: 20)
        for i in 14_990..<15_010 { _ = "INV\(i)".utf8.withContiguousStorageIfAvailable { other.insert(IDFingerprint($0)) } }
        #expect(set.sharesAny(with: other))
        #expect(other.count == 20)
        var apart = FingerprintSet()
        _ = "INV15000".utf8.withContiguousStorageIfAvailable { apart.insert(IDFingerprint($0)) }
        #expect(!set.sharesAny(with: apart))
    }
}

@Suite struct WordAtATimeTests {
    func records(_ text: [UInt8], wordAtATime: Bool) -> [[String]] {
        var out: [[String]] = []
        let fields = FieldList()
        text.withUnsafeBufferPointer { buf in
            var scanner = CSVScanner(delimiter: 0x2C)
            scanner.wordAtATime = wordAtATime
            var position = 0
            while case .record(let line)? = try? scanner.next(buf, position: &position, isFinal: true, fields: fields) {
                out.append(["\(line)"] + fields.buffer.map { String(decoding: CSVScanner.unescaped(buf, $0), as: UTF8.self) })
            }
        }
        return out
    }

    @Test func plainRecordPathAgreesWithTheGeneralPath() {
        // Deterministic pseudo-random texts over an alphabet rich in delimiters, quotes and line ends.
        let alphabet: [UInt8] = Array("ab,,\"\n\r\n,xyzé0123456789 ".utf8)
        var state: UInt64 = 12345
        for length in 0..<400 {
            var text: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            #expect(records(text, wordAtATime: true) == records(text, wordAtATime: false), "\(text)")
        }
        // Rarer line ends and quotes: most words hold no byte below 0x20 (the path that looks at
        // delimiters and quotes only), some a tab, CR or LF.
        let plain: [UInt8] = Array("abcdefgh,ij,klm.nop-0123456789é\"".utf8) + [0x09, 0x0D, 0x0A, 0x0A, 0x0A]
        for length in stride(from: 0, to: 2000, by: 7) {
            var text: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let k = Int(state >> 33) % 200
                text.append(k < 190 ? plain[k % 33] : plain[33 + k % 5])  // 33 ordinary bytes, then 5 below 0x20
            }
            #expect(records(text, wordAtATime: true) == records(text, wordAtATime: false), "\(text)")
        }
        let sample = Array("Invoice ID,Customer ID,Date,Amount\nINV-1,C1,2024-01-01,10.00\nINV-2,\"C,2\",2024-01-02,5\n,,,\n".utf8)
        #expect(records(sample, wordAtATime: true) == records(sample, wordAtATime: false))
        #expect(records(sample, wordAtATime: true).count == 4)
    }
}

@Suite struct CSVTableRescanTests {
    /// Only record starts are kept: every accessor scans its record again, past blank lines
    /// and across quoted line breaks, and finds what the first scan found.
    @Test func recordsAreScannedAgainAfterBlankLinesAndQuotedLineBreaks() throws {
        // Line 1 header; 2 and 3 blank; 4–5 row 0 (a quoted line break); 6 blank (CRLF); 7 row 1.
        let t = try table("id,name\n\n\n1,\"A\nB\"\n\r\n2,C,extra\n")
        #expect(rows(t) == [["1", "A\nB"], ["2", "C", "extra"]])
        #expect(t.line(ofRow: 0) == 4 && t.line(ofRow: 1) == 7)
        #expect(t.fieldCount(ofRow: 0) == 2 && t.fieldCount(ofRow: 1) == 3)
        #expect(t.characterColumn(row: 0, column: 1) == 3)  // the opening quote of "A…
        #expect(t.characterColumn(row: 1, column: 2) == 5)  // "2,C," is four characters
        #expect(t.characterColumn(row: 1, column: 3) == 10)  // one past "extra" (ends after character 9)
        #expect(t.headerColumn(1) == 4)
        var seen: [(Int, [String])] = []
        t.forEachRow(in: 0..<2) { r, row in seen.append((row.line, (0..<row.count).map { row.string($0) ?? "" })) }
        #expect(seen.map(\.0) == [4, 7])
        #expect(seen.map(\.1) == [["1", "A\nB"], ["2", "C", "extra"]])
    }
}
