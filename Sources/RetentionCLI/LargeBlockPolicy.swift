/// How the C allocator (glibc malloc) places large blocks, set once before a report is computed.
///
/// By default glibc raises its mmap threshold to the size of the largest block freed so far (up
/// to 32 MiB), so after ingest frees its buffers, later multi-megabyte arrays (the activity
/// ledger's, health's reasons, the churn walk's) come from the heap and from one arena per
/// thread, and their pages stay resident after they are freed (at 10 M orders the peak rose by
/// about 50 MiB over the memory actually in use). A fixed threshold of 1 MiB gives every block
/// of 1 MiB or more its own mapping, returned to the system when freed.
///
/// Blocks below 1 MiB come from the arenas, and glibc gives the free memory at the top of an
/// arena back to the system once it passes the trim threshold, 128 KiB by default: a block of a
/// few hundred KiB freed and made again (a window's record starts, a range's scratch arrays)
/// had its pages faulted in and cleared by the kernel each time. A trim threshold of 16 MiB
/// keeps that much at the top of each arena (at 10 M orders 9–12 % fewer page faults, the same
/// peak; 64 MiB raised the peak). Nothing computed depends on either setting: only where memory
/// comes from changes.
enum LargeBlockPolicy {
    /// Blocks of at least this many bytes are mapped on their own.
    static let threshold: Int32 = 1 << 20
    /// Free memory at the top of an arena beyond this many bytes goes back to the system.
    static let trimThreshold: Int32 = 16 << 20

    /// Fixes glibc's mmap threshold at `threshold` (which also stops it moving) and its trim
    /// threshold at `trimThreshold`; true when the allocator took both (false elsewhere than glibc).
    @discardableResult
    static func apply() -> Bool {
        #if os(Linux)
        // M_MMAP_THRESHOLD and M_TRIM_THRESHOLD (<malloc.h>); mallopt returns 1 on success.
        return glibcMallopt(-3, threshold) == 1 && glibcMallopt(-1, trimThreshold) == 1
        #else
        return false
        #endif
    }
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)` (not exported by the Swift Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
