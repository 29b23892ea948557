import Testing
@testable import Ingest

/// A window's array is read into again only once no table holds it (`WindowBuffers`), and
/// windows held together each keep their own bytes.
@Suite struct WindowBuffersTests {
    func address(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
    }

    @Test func anArrayComesBackOnlyWhenItsLeaseIsGone() {
        let pool = WindowBuffers()
        var first: [UInt8]? = pool.take(count: 100)
        #expect(first == [UInt8](repeating: 0, count: 100))
        first![0] = 7
        let firstAddress = address(first!)
        var lease: WindowBuffers.Lease? = pool.lease(first!)
        first = nil
        // Leased: the next window gets a new array.
        let second = pool.take(count: 100)
        #expect(address(second) != firstAddress && second == [UInt8](repeating: 0, count: 100))
        #expect(pool.keptCount == 0)
        // The lease gone, the array is read into again: the same storage, cut to the size asked
        // for, holding the earlier window's bytes until they are overwritten.
        lease = nil
        #expect(pool.keptCount == 1)
        var third: [UInt8]? = pool.take(count: 60)
        #expect(address(third!) == firstAddress && third!.count == 60 && third![0] == 7)
        #expect(pool.keptCount == 0)
        // Leased and let go again, then grown back within its capacity: the same storage, the
        // added bytes zero.
        _ = pool.lease(third!)
        third = nil
        #expect(pool.keptCount == 1)
        let fourth = pool.take(count: 100)
        #expect(address(fourth) == firstAddress && fourth.count == 100 && fourth[0] == 7)
        #expect(fourth[60...].allSatisfy { $0 == 0 })
        _ = lease
    }

    @Test func thePoolKeepsAFewArraysAndNoneTooSmall() {
        let pool = WindowBuffers()
        // Six arrays out at once, then all given back: four are kept.
        let arrays = (0..<(WindowBuffers.kept + 2)).map { _ in pool.take(count: 64) }
        for bytes in arrays { _ = pool.lease(bytes) }
        #expect(pool.keptCount == WindowBuffers.kept)
        // None has room for 1,000 bytes: a new array of zeros, and the small ones stay.
        let large = pool.take(count: 1_000)
        #expect(large.count == 1_000 && large.allSatisfy { $0 == 0 })
        #expect(pool.keptCount == WindowBuffers.kept)
    }

    @Test func windowsHeldTogetherKeepTheirOwnBytes() throws {
        // About 60 KiB in windows of 4 KiB: every window's array is new while all are held;
        // read one at a time, the arrays go round, and the rows are the same either way.
        var text = "id,note\n"
        for i in 0..<3_000 { text += "C\(i),note \(i % 17) \(String(repeating: "x", count: i % 9))\n" }
        let dir = FixtureDirectory("windowsHeldTogetherKeepTheirOwnBytes")
        let path = dir.write("file.csv", text)
        let whole = try CSVTable(bytes: Array(text.utf8))
        let expected = (0..<whole.rowCount).map { whole.string(row: $0, column: 0) + "|" + whole.string(row: $0, column: 1) }
        func rows(_ tables: [CSVTable]) -> [String] {
            tables.flatMap { t in (0..<t.rowCount).map { t.string(row: $0, column: 0) + "|" + t.string(row: $0, column: 1) } }
        }
        let windows = try #require(CSVWindows(file: FileSource(path: path), windowBytes: 4_096))
        let reader = CSVWindows.Reader(windows)
        var held: [CSVTable] = []
        while let table = try reader.next() { held.append(table) }
        reader.finish()
        #expect(held.count > 10)
        #expect(rows(held) == expected)
        var oneByOne: [String] = []
        try windows.forEach { table throws(IngestError) in oneByOne += rows([table]) }
        #expect(oneByOne == expected)
    }
}
