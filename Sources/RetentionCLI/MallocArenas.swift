import CMalloc

/// How many malloc arenas glibc may use in this process.
///
/// glibc gives threads that allocate at the same time arenas of their own, up to eight per core.
/// Memory freed in one arena is not reused for another's requests, so each of the report's
/// worker threads keeps a high-water mark of its own. With two arenas the 10 M-order
/// benchmark's peak resident memory is about 6 MB lower (see Benchmarks/README.md). This is a
/// memory setting, checked by the benchmark: it changes no output.
public enum MallocArenas {
    /// Allows at most `count` arenas (glibc ignores a count below 1). Call it before the first
    /// thread starts: arenas made before stay.
    public static func limit(to count: Int32) {
        _ = mallopt(M_ARENA_MAX, count)
    }
}
