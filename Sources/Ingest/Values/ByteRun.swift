/// Equality of two byte runs of the same length, eight bytes at a time (the ids and keys the
/// ingest compares are mostly 8–20 bytes: two or three word comparisons instead of a byte loop).
enum ByteRun {
    /// Whether the `count` bytes at `a` and at `b` are the same (true for `count` 0, nil
    /// pointers included).
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, count: Int) -> Bool {
        guard count > 0 else { return true }
        guard let a, let b else { return false }
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
                return false
            }
            i += 8
        }
        if count >= 8 {
            // The last eight bytes (overlapping the words already compared).
            return UnsafeRawPointer(a + count - 8).loadUnaligned(as: UInt64.self)
                == UnsafeRawPointer(b + count - 8).loadUnaligned(as: UInt64.self)
        }
        while i < count { if a[i] != b[i] { return false }; i += 1 }
        return true
    }
}
