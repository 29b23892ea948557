import Testing
@testable import RetentionCLI

/// The allocator setting made before a report is computed (`LargeBlockPolicy`).
@Suite struct LargeBlockPolicyTests {
    /// 1 MiB = 2^20 = 1 048 576 bytes; glibc's mallopt accepts it (returns 1).
    @Test func glibcTakesTheOneMiBThreshold() {
        #expect(LargeBlockPolicy.threshold == 1_048_576)
        #if os(Linux)
        #expect(LargeBlockPolicy.apply())
        #endif
    }
}
