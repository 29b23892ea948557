/// Numbers distinct values 0, 1, 2, … in the order they are first seen (the numbering, and so
/// every result read in that order, does not depend on the hash, only the speed does).
///
/// An open-addressing table of 32-bit numbers, at most half full, sized once for the most values
/// it will be given: about 8 bytes a value where a `[Value: Int]` dictionary takes some 20 to 40
/// (key, value and free buckets) and copies itself at every doubling.
struct FirstSeenNumbering<Value: FirstSeenKey> {
    /// The distinct values, in first-seen order (value i has number i).
    private(set) var values: [Value] = []
    private var table: [Int32]
    private let mask: Int

    /// For up to `capacity` distinct values.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The number of `value`, giving it the next number when it is new (and saying so).
    mutating func number(of value: Value) -> (number: Int32, isNew: Bool) {
        var slot = value.numberingHash & mask
        while true {
            let n = table[slot]
            if n < 0 {
                // At most half full after this one, so a look-up always meets a free slot.
                precondition(2 * (values.count + 1) <= table.count, "FirstSeenNumbering holds at most its capacity")
                table[slot] = Int32(values.count)
                values.append(value)
                return (Int32(values.count - 1), true)
            }
            if values[Int(n)] == value { return (n, false) }
            slot = (slot + 1) & mask
        }
    }
}

/// A value `FirstSeenNumbering` can number: `numberingHash` picks its first slot (any function
/// of the value that equal values share; the numbers do not depend on it, only the speed does).
/// The standard hash by default; keys made of a few integers mix them in a few instructions
/// instead (`IntegerMix`), where the standard hash runs SipHash over each.
protocol FirstSeenKey: Hashable {
    var numberingHash: Int { get }
}

extension FirstSeenKey {
    var numberingHash: Int { hashValue }
}

extension String: FirstSeenKey {}
extension Int: FirstSeenKey {}

/// A 64-bit integer's bits spread over the whole word (MurmurHash3's finaliser, `fmix64`): every
/// input bit changes about half of the output bits, low ones included, so the low bits of a
/// mixed key pick slots as evenly as its high ones.
enum IntegerMix {
    @inline(__always)
    static func mix(_ key: UInt64) -> Int {
        var h = key
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }

    /// Two 32-bit integers side by side.
    @inline(__always)
    static func mix(_ a: Int32, _ b: Int32) -> Int {
        mix(UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b)))
    }
}
