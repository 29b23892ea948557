import Testing
@testable import Ingest

/// `FileSource.head(limit:)`: the first bytes of a file in whole lines.
@Suite struct FileHeadTests {
    /// Writes `text` into a directory of the calling test's own (tests run in parallel).
    func head(_ text: String, limit: Int, test: String = #function) throws -> String {
        let dir = FixtureDirectory(test)
        let file = try FileSource(path: dir.write("f.csv", text))
        return String(decoding: try file.head(limit: limit), as: UTF8.self)
    }

    @Test func aLongerFileIsCutAfterItsLastLineBreakWithinTheLimit() throws {
        // "a,b\n" is 4 bytes, "1,2\n" 4 more: a 10-byte limit reaches into "3,4" and drops it.
        #expect(try head("a,b\n1,2\n3,4\n", limit: 10) == "a,b\n1,2\n")
        // A CR alone ends a line too; CRLF keeps both bytes.
        #expect(try head("a,b\r1,2\r3,4\r", limit: 10) == "a,b\r1,2\r")
        #expect(try head("a,b\r\n1,2\r\n3,4\r\n", limit: 10) == "a,b\r\n1,2\r\n")
    }

    @Test func aFileWithinTheLimitIsReadWholeEvenWithoutAFinalLineBreak() throws {
        #expect(try head("a,b\n1,2", limit: 7) == "a,b\n1,2")
        #expect(try head("a,b\n1,2", limit: 100) == "a,b\n1,2")
    }

    @Test func aFirstLineLongerThanTheLimitComesBackCut() throws {
        // No line break within the first 3 bytes: nothing to cut at, the 3 bytes come back.
        #expect(try head("abcdef\n1\n", limit: 3) == "abc")
    }
}
