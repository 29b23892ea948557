import Foundation
import Synchronization
import Testing
@testable import Report

/// Blocks made on several threads reach the sink in block order; a failing sink stops the work.
@Suite struct OrderedBlocksTests {
    struct Full: Error, Equatable {}

    /// Block b's text is "b<b>\n"; blocks take uneven times (0–400 µs, by b·7 mod 5), so helpers
    /// finish out of order, yet the pieces come 0, 1, 2, … whatever the thread count.
    @Test(arguments: [1, 2, 3, 4, 8])
    func piecesComeInBlockOrder(threads: Int) {
        var pieces: [String] = []
        OrderedBlocks.write(count: 50, threads: threads, make: { block, out in
            usleep(UInt32(block * 7 % 5) * 100)
            out += Array("b\(block)\n".utf8)
        }, to: { (piece: [UInt8]) -> Void in pieces.append(String(decoding: piece, as: UTF8.self)) })
        #expect(pieces == (0..<50).map { "b\($0)\n" })
    }

    @Test func noBlocksHandNothingToTheSink() {
        var calls = 0
        OrderedBlocks.write(count: 0, threads: 3, make: { _, _ in }, to: { (_: [UInt8]) -> Void in calls += 1 })
        #expect(calls == 0)
    }

    /// The sink fails on the fifth piece (block 4): the failure is thrown, the sink is not called
    /// again, and the helpers have stopped well before the 100 blocks (each is at most two blocks
    /// ahead of the writing) and make nothing after the call returns.
    @Test(arguments: [1, 2, 3])
    func aFailingSinkStopsTheWork(threads: Int) {
        let made = Atomic<Int>(0)
        var calls = 0
        #expect(throws: Full()) {
            try OrderedBlocks.write(count: 100, threads: threads, make: { block, out in
                made.add(1, ordering: .relaxed)
                out.append(UInt8(block))
            }, to: { (piece: [UInt8]) throws(Full) -> Void in
                calls += 1
                #expect(piece == [UInt8(calls - 1)])
                if calls == 5 { throw Full() }
            })
        }
        #expect(calls == 5)
        let after = made.load(ordering: .relaxed)
        // Blocks 0…4 were handed over; each helper may have made two more, plus one it was on.
        #expect(after >= 5 && after <= 5 + 3 * (threads - 1))
        usleep(20_000)
        #expect(made.load(ordering: .relaxed) == after)
    }
}
