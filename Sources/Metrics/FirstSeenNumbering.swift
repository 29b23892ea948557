/// Numbers distinct values 0, 1, 2, … in the order they are first seen (the numbering, and so
/// every result read in that order, does not depend on the hash, only the speed does).
///
/// An open-addressing table of 32-bit numbers, at most half full, sized once for the most values
/// it will be given: about 8 bytes a value where a `[Value: Int]` dictionary takes some 20 to 40
/// (key, value and free buckets) and copies itself at every doubling.
struct FirstSeenNumbering<Value: Hashable> {
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
        var slot = value.hashValue & mask
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
