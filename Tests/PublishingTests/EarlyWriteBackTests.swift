import Foundation
import Testing
@testable import Publishing

@Suite struct EarlyWriteBackTests {
    @Test func startsEachStretchOnceAtLeastThresholdBytesAreWritten() {
        var writeBack = EarlyWriteBack(threshold: 10)
        // Pieces of 4, 4, 4, 25, 3, 9, 1 bytes: running totals 4, 8, 12, 37, 40, 49, 50.
        // 12 − 0 ≥ 10 starts 0..<12; 37 − 12 = 25 ≥ 10 starts 12..<37; 40 − 37 = 3 and 49 − 37 = 12 ≥ 10
        // starts 37..<49; 50 − 49 = 1 is left to the final fsync.
        let stretches = [4, 4, 4, 25, 3, 9, 1].map { writeBack.wrote($0) }
        #expect(stretches == [nil, nil, 0..<12, 12..<37, nil, 37..<49, nil])
        #expect(writeBack.written == 50 && writeBack.started == 49)
    }

    @Test func aPieceAsLargeAsTheThresholdStartsAtOnce() {
        var writeBack = EarlyWriteBack(threshold: 8 << 20)
        #expect(writeBack.wrote(8 << 20) == 0..<(8 << 20))
        #expect(writeBack.wrote((8 << 20) - 1) == nil)
        #expect(writeBack.wrote(1) == (8 << 20)..<(16 << 20))
    }

    @Test func aFileWrittenInPiecesWithWriteBackHasExactlyItsBytes() throws {
        let folder = ScratchFolder()
        defer { folder.remove() }
        // 20 pieces of 1 MiB, each filled with its own number: write-back starts after pieces 8 and 16.
        let pieces = (0..<20).map { [UInt8](repeating: UInt8($0), count: 1 << 20) }
        let path = try POSIXFileOperations().writeTemporaryFile(in: folder.path, name: "big.csv") {
            (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
            for piece in pieces { try write(piece) }
        }
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(written.count == 20 << 20)
        #expect(Array(written) == pieces.flatMap { $0 })
    }
}
