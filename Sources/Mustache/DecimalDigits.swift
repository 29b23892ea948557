/// The decimal digits of a whole number, written right to left two at a time from a table of
/// "00" … "99" (half the divisions of one digit at a time), eight digits at a time in 32-bit
/// arithmetic below the first 10⁸. The JSON writer's and the customers CSV's integers and
/// `ShortestDouble`'s digits.
public enum DecimalDigits {
    /// Appends the digits of `value` (with `-` when negative), as `String(value)` writes them.
    public static func append(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in  // room for 20 digits
            let end = buffer.baseAddress! + 24
            let count = write(value.magnitude, before: end)
            out.append(contentsOf: UnsafeBufferPointer(start: end - count, count: count))
        }
    }

    /// Writes the digits of `value` so that the last one is just before `end`; returns their
    /// count (1 … 20).
    @inline(__always)
    static func write(_ value: UInt64, before end: UnsafeMutablePointer<UInt8>) -> Int {
        var start = end
        var rest = value
        while rest >= 100_000_000 {
            let high = rest / 100_000_000
            var low = UInt32(truncatingIfNeeded: rest &- high &* 100_000_000)
            for _ in 0..<4 {
                start -= 2
                pair(low % 100, at: start)
                low /= 100
            }
            rest = high
        }
        var n = UInt32(truncatingIfNeeded: rest)
        while n >= 100 {
            start -= 2
            pair(n % 100, at: start)
            n /= 100
        }
        if n >= 10 {
            start -= 2
            pair(n, at: start)
        } else {
            start -= 1
            start[0] = UInt8(truncatingIfNeeded: n) | 0x30
        }
        return end - start
    }

    /// "00", "01", … "99".
    private static let pairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Writes the two digits of `value` (0 … 99) at `at`.
    @inline(__always)
    private static func pair(_ value: UInt32, at: UnsafeMutablePointer<UInt8>) {
        let two = UnsafeRawPointer(pairs.utf8Start + 2 * Int(value)).loadUnaligned(as: UInt16.self)
        UnsafeMutableRawPointer(at).storeBytes(of: two, as: UInt16.self)
    }
}
