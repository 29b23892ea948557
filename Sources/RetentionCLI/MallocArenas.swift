#if canImport(Glibc)
import Glibc
#endif

/// How many malloc arenas glibc may use in this process.
///
/// glibc gives threads that allocate at the same time arenas of their own, up to eight per core.
/// Memory freed in one arena is not reused for another's requests, so each of the report's
/// worker threads keeps a high-water mark of its own. With two arenas the 10 M-order
/// benchmark's peak resident memory is about 6 MB lower (see Benchmarks/README.md). This is a
/// memory setting, checked by the benchmark: it changes no output.
public enum MallocArenas {
    /// `mallopt`'s parameter number for the arena limit (`M_ARENA_MAX` in glibc's malloc.h).
    static let arenaMaximum: Int32 = -8

    /// Allows at most `count` arenas (glibc ignores a count below 1). Call it before the first
    /// thread starts: arenas made before stay. Does nothing where the C library has no `mallopt`.
    public static func limit(to count: Int32) {
        #if canImport(Glibc)
        // Looked up by name: Swift's Glibc module does not export malloc.h, and a module map of
        // our own for it clashes with Foundation's in debug builds.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMaximum, count)
        #endif
    }
}
