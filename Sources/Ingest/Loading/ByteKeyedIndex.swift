/// A hash table from byte strings (customer ids) to their insertion number (0, 1, 2, … —
/// which is the customer index), looked up straight from field bytes without making a
/// `String`: open addressing with linear probing; keys are stored back to back in one array.
struct ByteKeyedIndex: Sendable {
    /// One slot: the first sixteen key bytes packed little-endian (zero-padded), and `meta` =
    /// upper 24 bits of the hash (<< 40) | key length (<< 32, up to 255; 0xFF = longer) |
    /// entry number + 1. A lookup of a key of up to sixteen bytes (nearly every id) touches
    /// this one 24-byte slot only: one cache miss in a table of millions of customers.
    struct Slot: Sendable {
        var head: UInt64
        var tail: UInt64
        var meta: UInt64
    }

    private var slots: [Slot] = [Slot](repeating: Slot(head: 0, tail: 0, meta: 0), count: 16)
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = [0]
    private var hashes: [UInt64] = []

    var count: Int { hashes.count }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let p = key.baseAddress else { return h }
        var i = 0
        let n = key.count
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 32
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 29
        return h
    }

    /// The first sixteen bytes of `key` as two little-endian words, zero-padded.
    @inline(__always)
    static func words(_ key: UnsafeBufferPointer<UInt8>) -> (head: UInt64, tail: UInt64) {
        guard let p = key.baseAddress else { return (0, 0) }
        let n = key.count
        if n >= 16 {
            return (UnsafeRawPointer(p).loadUnaligned(as: UInt64.self), UnsafeRawPointer(p + 8).loadUnaligned(as: UInt64.self))
        }
        var head: UInt64 = 0, tail: UInt64 = 0
        var i = 0
        if n >= 8 {
            head = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            i = 8
        }
        var shift: UInt64 = 0
        while i < n {
            if i < 8 { head |= UInt64(p[i]) << (UInt64(i) * 8) } else { tail |= UInt64(p[i]) << shift; shift += 8 }
            i += 1
        }
        return (head, tail)
    }

    @inline(__always)
    static func tag(_ hash: UInt64, _ length: Int) -> UInt64 {
        (hash >> 40) << 40 | UInt64(min(length, 0xFF)) << 32
    }

    func value(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key)
        let tag = Self.tag(h, key.count)
        let (head, tail) = Self.words(key)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: h) & mask
            while true {
                let slot = slots[s]
                let entry = Int(truncatingIfNeeded: slot.meta & 0xFFFF_FFFF)
                if entry == 0 { return nil }
                if slot.meta & ~0xFFFF_FFFF == tag && slot.head == head && slot.tail == tail
                    && (key.count <= 16 || keyEquals(entry - 1, key)) {
                    return entry - 1
                }
                s = (s + 1) & mask
            }
        }
    }

    func value(for key: String) -> Int? {
        var k = key
        return k.withUTF8 { value(for: $0) }
    }

    /// Inserts `key` unless present; returns its number (the existing one if present).
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        if let existing = self.value(for: key) { return existing }
        if (hashes.count + 1) * 4 > slots.count * 3 { grow() }
        let h = Self.hash(key)
        keyBytes.append(contentsOf: key)
        keyStarts.append(keyBytes.count)
        hashes.append(h)
        let (head, tail) = Self.words(key)
        place(entry: hashes.count - 1, hash: h, tag: Self.tag(h, key.count), head: head, tail: tail)
        return hashes.count - 1
    }

    @discardableResult
    mutating func insert(_ key: String) -> Int {
        var k = key
        return k.withUTF8 { insert($0) }
    }

    /// Makes room for `count` keys in all, so that inserting up to that many rehashes nothing.
    mutating func reserveCapacity(_ count: Int) {
        while count * 4 > slots.count * 3 { grow() }
        hashes.reserveCapacity(count)
        keyStarts.reserveCapacity(count + 1)
    }

    private func keyEquals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = keyStarts[entry], end = keyStarts[entry + 1]
        guard end - start == key.count else { return false }
        return keyBytes.withUnsafeBufferPointer { all in
            var i = 0
            while i < key.count { if all[start + i] != key[i] { return false }; i += 1 }
            return true
        }
    }

    private mutating func place(entry: Int, hash: UInt64, tag: UInt64, head: UInt64, tail: UInt64) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while slots[s].meta != 0 { s = (s + 1) & mask }
        slots[s] = Slot(head: head, tail: tail, meta: tag | UInt64(entry + 1))
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(head: 0, tail: 0, meta: 0), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.meta != 0 {
            let entry = Int(slot.meta & 0xFFFF_FFFF) - 1
            var s = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[s].meta != 0 { s = (s + 1) & mask }
            slots[s] = slot
        }
    }
}

/// A 128-bit fingerprint of an id, for finding repeated ids among millions of rows without
/// keeping the ids (two independent 64-bit hashes; a false repeat needs both to collide,
/// about 10⁻²⁴ for ten million ids).
struct IDFingerprint: Hashable, Sendable {
    var a: UInt64
    var b: UInt64

    init(a: UInt64, b: UInt64) {
        self.a = a
        self.b = b
    }

    init(_ key: UnsafeBufferPointer<UInt8>) {
        a = ByteKeyedIndex.hash(key)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in key { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        b = h
    }
}

/// A set of `IDFingerprint`s: open addressing on the fingerprint's own bits (it is already a
/// good hash), so no hashing per lookup; both halves of a fingerprint share one 16-byte slot,
/// so a lookup touches one cache line.
struct FingerprintSet: Sendable {
    private var slots: [IDFingerprint]
    private(set) var count = 0

    /// Sized for about `expected` fingerprints without growing (load factor ≤ 0.8).
    init(expected: Int = 0) {
        var capacity = 1024
        while capacity * 4 < expected * 5 { capacity *= 2 }
        slots = [IDFingerprint](repeating: IDFingerprint(a: 0, b: 0), count: capacity)
    }

    /// (0, 0) marks an empty slot; a real (0, 0) fingerprint is stored as (1, 0).
    @inline(__always)
    private static func stored(_ f: IDFingerprint) -> IDFingerprint {
        f.a == 0 && f.b == 0 ? IDFingerprint(a: 1, b: 0) : f
    }

    /// Inserts; false when it was already present.
    @inline(__always)
    mutating func insert(_ f: IDFingerprint) -> Bool {
        let f = Self.stored(f)
        if (count + 1) * 5 > slots.count * 4 { grow() }  // load factor ≤ 0.8
        return slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: f.a) & mask
            while true {
                let slot = slots[s]
                if slot.a == 0 && slot.b == 0 {
                    slots[s] = f
                    count += 1
                    return true
                }
                if slot == f { return false }
                s = (s + 1) & mask
            }
        }
    }

    func contains(_ f: IDFingerprint) -> Bool {
        let f = Self.stored(f)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: f.a) & mask
        while true {
            let slot = slots[s]
            if slot.a == 0 && slot.b == 0 { return false }
            if slot == f { return true }
            s = (s + 1) & mask
        }
    }

    /// Whether any fingerprint of `other` is also in this set.
    func sharesAny(with other: FingerprintSet) -> Bool {
        other.slots.contains { ($0.a != 0 || $0.b != 0) && contains($0) }
    }

    private mutating func grow() {
        let old = slots
        slots = [IDFingerprint](repeating: IDFingerprint(a: 0, b: 0), count: old.count * 2)
        let mask = slots.count - 1
        for f in old where f.a != 0 || f.b != 0 {
            var s = Int(truncatingIfNeeded: f.a) & mask
            while slots[s].a != 0 || slots[s].b != 0 { s = (s + 1) & mask }
            slots[s] = f
        }
    }
}
