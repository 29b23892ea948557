/// Byte runs read eight bytes at a time: equality of two runs (the ids and keys the ingest
/// compares are mostly 8–20 bytes: two or three word comparisons instead of a byte loop), the
/// zero bytes of a word (what the CSV scans find delimiters, quotes and line ends with), and
/// how often a byte occurs in a run.
enum ByteRun {
    /// The high bit of each byte of `x` that is zero, exactly: adding 0x7F to a byte's low seven
    /// bits carries into its high bit unless they are all zero, and no carry crosses a byte. The
    /// bytes of a word `w` equal to `b` are `zeroBytes(w ^ b·0x0101…01)`.
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
    }

    /// How many bytes of `run` are `byte`: a word's matches counted by `nonzeroBitCount`, the
    /// last bytes one by one.
    static func count(_ byte: UInt8, in run: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = run.baseAddress else { return 0 }
        let n = run.count, repeated = 0x0101_0101_0101_0101 &* UInt64(byte)
        var count = 0, i = 0
        while i + 8 <= n {
            count &+= zeroBytes(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ repeated).nonzeroBitCount
            i += 8
        }
        while i < n {
            if p[i] == byte { count &+= 1 }
            i += 1
        }
        return count
    }

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
