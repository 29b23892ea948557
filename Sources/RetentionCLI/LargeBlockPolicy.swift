/// How the C allocator (glibc malloc) places large blocks, set once before a report is computed.
///
/// By default glibc raises its mmap threshold to the size of the largest block freed so far (up
/// to 32 MiB), so after ingest frees its buffers, later multi-megabyte arrays (the activity
/// ledger's, health's reasons, the churn walk's) come from the heap and from one arena per
/// thread, and their pages stay resident after they are freed (at 10 M orders the peak rose by
/// about 50 MiB over the memory actually in use). A fixed threshold of 1 MiB gives every block
/// of 1 MiB or more its own mapping, returned to the system when freed. Nothing computed depends
/// on it: only where memory comes from changes.
enum LargeBlockPolicy {
    /// Blocks of at least this many bytes are mapped on their own.
    static let threshold: Int32 = 1 << 20

    /// Fixes glibc's mmap threshold at `threshold` (which also stops it moving); true when the
    /// allocator took the setting (false elsewhere than glibc).
    @discardableResult
    static func apply() -> Bool {
        #if os(Linux)
        // M_MMAP_THRESHOLD (<malloc.h>); mallopt returns 1 on success.
        return glibcMallopt(-3, threshold) == 1
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
