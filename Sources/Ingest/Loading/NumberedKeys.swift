/// The keys of a `ByteKeyedIndex` while they all share one numbered shape — the same prefix
/// and count of trailing digits, only the number differs (`CUST-0000001`, `CUST-0000002`, …;
/// see `TrailingNumber`): each key's entry is then found in an array indexed by its number,
/// without hashing, in 4 bytes a number instead of a 24-byte hash slot. (500 000 customers:
/// 2 MiB, which stays in the processor's cache; the 24 MiB of slots did not, and every order's
/// customer lookup was a miss to memory.)
///
/// The array is kept while the numbers are dense: from the lowest to the highest they span at
/// most `4 × keys + 4096` values (`isDense`). Sparser numbers drop it (the index hashes
/// instead); it is built again once the keys have doubled and the numbers are dense again.
/// Every key held has the shape, so a key of another shape is absent.
struct NumberedKeys: Sendable {
    let prefix: [UInt8]
    let digits: Int
    /// A prefix of at most eight bytes as a little-endian word and the mask of its bytes: a
    /// key of eight bytes or more has it when its first word, masked, is that word.
    private let prefixWord: UInt64, prefixMask: UInt64
    private(set) var lowest: UInt64
    private(set) var highest: UInt64
    /// `table[n − base]` = entry + 1 of the key numbered n; 0 where no key has that number.
    /// Empty while the numbers are too sparse.
    private var table: [Int32] = []
    private var base: UInt64 = 0
    /// Key count from which sparse numbers are looked at again.
    private var retryAt = 0

    /// The shape of `key`, the first key; nil when it has no trailing number.
    init?(first key: UnsafeBufferPointer<UInt8>) {
        guard let trailing = TrailingNumber(key) else { return nil }
        prefix = Array(UnsafeBufferPointer(rebasing: key[0..<trailing.start]))
        digits = trailing.digits
        var word: UInt64 = 0
        for (k, byte) in prefix.prefix(8).enumerated() { word |= UInt64(byte) << UInt64(8 * k) }
        prefixWord = word
        prefixMask = prefix.count >= 8 ? ~0 : (UInt64(1) << UInt64(8 * prefix.count)) &- 1
        lowest = trailing.number
        highest = trailing.number
    }

    /// Whether the entries are found by number (`entry(numbered:)`).
    var isDense: Bool { !table.isEmpty }

    /// Whether numbers spanning `span` values are dense enough for `count` keys.
    static func isDense(span: UInt64, count: Int) -> Bool {
        count < Int(Int32.max) && span <= UInt64(4 * count + 4096)
    }

    /// The number of `key` when it has the shape; nil otherwise.
    ///
    /// The same as comparing `TrailingNumber(key)` with the shape, read forwards: the key is the
    /// prefix followed by `digits` digits. (The prefix's last byte is no digit unless the shape
    /// has the most digits `TrailingNumber` reads, so the trailing run starts where it ends.)
    @inline(__always)
    func number(of key: UnsafeBufferPointer<UInt8>) -> UInt64? {
        // Lengths of ids in memory: their sums do not overflow, and are added unchecked.
        let start = prefix.count
        guard key.count == start &+ digits, let p = key.baseAddress else { return nil }
        // A key of eight bytes or more, with a prefix of at most eight and at most eight digits
        // (`CUST-0000360`): one word for the prefix, one for the number.
        if key.count >= 8 && start <= 8 && digits <= 8 {
            guard (UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) ^ prefixWord) & prefixMask == 0 else { return nil }
            return EightDigits.value(endingAt: p + key.count, count: digits)
        }
        let same = prefix.withUnsafeBufferPointer { ByteRun.equal($0.baseAddress, p, count: start) }
        guard same else { return nil }
        var number: UInt64 = 0
        var i = start
        while i < key.count {
            let d = p[i] &- 0x30
            guard d <= 9 else { return nil }
            number = number &* 10 &+ UInt64(d)
            i += 1
        }
        return number
    }

    /// The entry of `key` (only while `isDense`); nil when absent.
    @inline(__always)
    func entry(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let number = number(of: key), number >= base else { return nil }
        // Checked above and below: the offset is not negative and is an index of `table`.
        let offset = number &- base
        guard offset < UInt64(table.count) else { return nil }
        let stored = table.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: offset)] }
        return stored == 0 ? nil : Int(stored) &- 1
    }

    /// Records that the key numbered `number` (of the shape, not held before) is entry `entry`,
    /// `count` keys in all now; `numberOf(e)` gives the number of an earlier entry, for building
    /// the array again.
    mutating func add(_ number: UInt64, entry: Int, count: Int, numberOf: (Int) -> UInt64) {
        lowest = min(lowest, number)
        highest = max(highest, number)
        if isDense, number >= base, number - base < UInt64(table.count) {
            table[Int(number - base)] = Int32(entry + 1)
            return
        }
        let span = highest - lowest + 1
        guard Self.isDense(span: span, count: count) else {
            if isDense { retryAt = 2 * count }
            table = []
            return
        }
        if !isDense && count < retryAt { return }
        rebuild(span: span, count: count, adding: number, entry: entry, numberOf: numberOf)
    }

    /// Makes the array cover the numbers with room to grow (a quarter of the span below, the
    /// span again above): what it held and the entry being added, or else every entry.
    private mutating func rebuild(span: UInt64, count: Int, adding number: UInt64, entry: Int,
                                  numberOf: (Int) -> UInt64) {
        let newBase = lowest - min(lowest, span / 4)
        let length = Int(highest - newBase + 1) + Int(span) + 1024
        var fresh = [Int32](repeating: 0, count: length)
        if isDense {
            for (k, stored) in table.enumerated() where stored != 0 { fresh[Int(base - newBase) + k] = stored }
            fresh[Int(number - newBase)] = Int32(entry + 1)
        } else {
            for e in 0..<count { fresh[Int(numberOf(e) - newBase)] = Int32(e + 1) }
        }
        table = fresh
        base = newBase
    }
}
