import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import RetentionCLI

/// The allocator settings made before a report is computed (`LargeBlockPolicy`).
@Suite(.serialized) struct LargeBlockPolicyTests {
    /// 1 MiB = 2^20 = 1 048 576 bytes and 16 MiB = 16 777 216 bytes; glibc's mallopt accepts both (returns 1).
    @Test func glibcTakesTheThresholds() {
        #expect(LargeBlockPolicy.threshold == 1_048_576)
        #expect(LargeBlockPolicy.trimThreshold == 16_777_216)
        #if os(Linux)
        #expect(LargeBlockPolicy.apply())
        #endif
    }

    #if os(Linux)
    /// Page faults of the calling thread (getrusage RUSAGE_THREAD = 1, Linux).
    func threadFaults() -> Int {
        var usage = rusage()
        _ = getrusage(__rusage_who_t(1), &usage)
        return usage.ru_minflt
    }

    /// A 640 KiB block (below the mmap threshold) written and freed 40 times: with glibc's
    /// default trim threshold (128 KiB) an arena whose top it is gives its 160 pages back each
    /// time, up to 6,400 page faults (5,152 measured on this machine; fewer when the block is not
    /// at the top); with the policy's 16 MiB the pages stay, a few hundred faults at most.
    @Test func aBlockFreedAndMadeAgainKeepsItsPages() {
        #expect(LargeBlockPolicy.apply())
        let size = 640 << 10
        let before = threadFaults()
        for _ in 0..<40 {
            let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: size)
            block.deallocate()
        }
        let faults = threadFaults() - before
        #expect(faults < 800, "\(faults) page faults")
    }
    #endif
}
