import Testing
@testable import Ingest

/// `RowBlocks` over several tables (a file's windows): every row is used once, in file order,
/// with its own decoded value and line, on any number of threads; blocks cross no table but the
/// decoding runs on across tables; a failure of `use` or of the tables stops at the right row.
@Suite struct RowBlocksTests {
    /// A table of rows numbered `first ..< first + count` (one field each, "n,x"), its first
    /// data row on line 2.
    static func table(_ first: Int, _ count: Int) throws -> CSVTable {
        try CSVTable(bytes: Array(("n,x\n" + (first..<(first + count)).map { "\($0),x\n" }.joined()).utf8))
    }

    /// Tables of 5, 0, 20,000 (three blocks and a bit), 1 and 9,000 rows, numbered on from one
    /// table to the next: 29,006 rows.
    static let sizes = [5, 0, 20_000, 1, 9_000]

    static func tables() throws -> [CSVTable] {
        var first = 0
        return try sizes.map { count in
            defer { first += count }
            return try table(first, count)
        }
    }

    /// Runs `RowBlocks.forEachRow` over `tables`, failing the tables at call `failingTable`
    /// (0: the first) and `use` at row number `failingRow`; returns the rows used
    /// (decoded number, line) and the error thrown.
    func run(_ tables: [CSVTable], threads: Int, failingTable: Int? = nil, failingRow: Int? = nil)
        -> (used: [(number: Int, line: Int)], error: IngestError?) {
        var calls = 0
        var used: [(number: Int, line: Int)] = []
        do throws(IngestError) {
            try RowBlocks.forEachRow(tables: { () throws(IngestError) -> CSVTable? in
                defer { calls += 1 }
                if calls == failingTable { throw .empty(path: "table \(calls)") }
                return calls < tables.count ? tables[calls] : nil
            }, rows: 29_006, threads: threads, decode: { row in Int(row.string(0)!)! }) { row, number throws(IngestError) in
                used.append((number, row.line))
                if number == failingRow { throw .unreadable(path: "row", reason: "\(number)") }
            }
        } catch {
            return (used, error)
        }
        return (used, nil)
    }

    @Test(arguments: [1, 2, 3])
    func everyRowOnceInFileOrder(threads: Int) throws {
        let result = run(try Self.tables(), threads: threads)
        #expect(result.error == nil)
        #expect(result.used.map(\.number) == Array(0..<29_006))
        // Each table's rows start on line 2: row 5 is the first of the third table (the second is empty).
        #expect(result.used.prefix(7).map(\.line) == [2, 3, 4, 5, 6, 2, 3])
        #expect(result.used[20_004].line == 20_001 && result.used[20_005].line == 2 && result.used[20_006].line == 2)
        #expect(result.used.last!.line == 9_001)
    }

    @Test(arguments: [1, 2])
    func aUseFailureStopsAtItsRow(threads: Int) throws {
        // Row 8,200 is in the third table's second block; its error wins over a later table's.
        let result = run(try Self.tables(), threads: threads, failingTable: 3, failingRow: 8_200)
        #expect(result.error == .unreadable(path: "row", reason: "8200"))
        #expect(result.used.map(\.number) == Array(0...8_200))
    }

    @Test(arguments: [1, 2])
    func aTableFailureComesAfterTheRowsBeforeIt(threads: Int) throws {
        // The fourth call fails: the 5 + 0 + 20,000 rows before it are all used first.
        let result = run(try Self.tables(), threads: threads, failingTable: 3)
        #expect(result.error == .empty(path: "table 3"))
        #expect(result.used.map(\.number) == Array(0..<20_005))
        // Failing at once: no row, the table's error.
        let none = run(try Self.tables(), threads: threads, failingTable: 0)
        #expect(none.error == .empty(path: "table 0") && none.used.isEmpty)
    }

    @Test func tablesWithoutRowsGiveNoRows() throws {
        let result = run([try Self.table(0, 0), try Self.table(0, 0)], threads: 2)
        #expect(result.error == nil && result.used.isEmpty)
    }
}
