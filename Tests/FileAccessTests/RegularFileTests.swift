import Foundation
import Testing
import FileAccess

/// Opening and reading a file the tool was given: regular files only, typed errors with the path.
@Suite struct RegularFileTests {
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "file-access-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func readsTheWholeFileAndItsSize() throws {
        let path = Self.temporaryFolder() + "/a.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("id\nC1\n".utf8)))
        let file = try RegularFile(path: path)
        #expect(file.size == 6)   // "id\n" 3 bytes + "C1\n" 3 bytes
        #expect(try file.readAll() == Array("id\nC1\n".utf8))
        #expect(try RegularFile.read(path) == Array("id\nC1\n".utf8))
    }

    /// A positioned read of 4 bytes at offset 2 of "abcdef" is "cdef"; at offset 4 only "ef" is left.
    @Test func positionedReadsStopAtTheEndOfTheData() throws {
        let path = Self.temporaryFolder() + "/b.txt"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("abcdef".utf8)))
        let file = try RegularFile(path: path)
        var buffer = [UInt8](repeating: 0, count: 4)
        let first = try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: 4, at: 2) }
        #expect(first == 4 && buffer == Array("cdef".utf8))
        let second = try buffer.withUnsafeMutableBytes { try file.read(into: $0.baseAddress!, count: 4, at: 4) }
        #expect(second == 2 && Array(buffer[0..<2]) == Array("ef".utf8))
    }

    @Test func aMissingFileIsASystemErrorNamingThePath() {
        let path = Self.temporaryFolder() + "/missing.csv"
        #expect(throws: FileReadError(path: path, reason: .system(code: ENOENT))) { try RegularFile.read(path) }
        let error = FileReadError(path: path, reason: .system(code: ENOENT))
        #expect(error.description == "\(path): No such file or directory")
    }

    /// Opened non-blocking and refused after `fstat`, so nobody writing to the pipe cannot hang the test.
    @Test(.timeLimit(.minutes(1)))
    func pipesDevicesAndFoldersAreRefusedBeforeAnyRead() {
        let folder = Self.temporaryFolder()
        let fifo = folder + "/pipe.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: FileReadError(path: fifo, reason: .notRegularFile(.namedPipe))) { try RegularFile.read(fifo) }
        #expect(throws: FileReadError(path: "/dev/zero", reason: .notRegularFile(.characterDevice))) {
            try RegularFile.read("/dev/zero")
        }
        #expect(throws: FileReadError(path: folder, reason: .notRegularFile(.directory))) { try RegularFile.read(folder) }
        #expect(FileReadError(path: fifo, reason: .notRegularFile(.namedPipe)).reasonText
            == "it is a named pipe (FIFO), not a regular file")
    }

    /// 10 bytes when opened; appending 5 makes 15, cutting to 3 makes 3.
    @Test func changesSinceOpenedAreReportedWithTheNewSize() throws {
        let path = Self.temporaryFolder() + "/c.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("0123456789".utf8)))
        let file = try RegularFile(path: path)
        #expect(file.changeSinceOpened() == nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("abcde".utf8))
        try handle.close()
        #expect(file.changeSinceOpened() == .grew(size: 15))
        #expect(truncate(path, 3) == 0)
        #expect(file.changeSinceOpened() == .truncated(size: 3))
        #expect(try file.readAll() == Array("012".utf8))
    }
}
