/// A hash table from byte strings (customer ids) to their insertion number (0, 1, 2, … —
/// which is the customer index), looked up straight from field bytes without making a
/// `String`: open addressing with linear probing; keys are stored back to back in one array.
///
/// While every key has one numbered shape with dense numbers (`CUST-0000001`, …), the entries
/// are found by number instead (`NumberedKeys`) and the slots are left empty; the first key
/// that breaks that fills them.
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
    /// The keys' shared numbered shape; nil before the first key and once two shapes (or a key
    /// without a trailing number) were met.
    private var numbered: NumberedKeys?
    /// Whether the slots hold every key (false only while `numbered` finds them).
    private var hashed = true
    /// Keys to size the slots for when they are (re)built (`reserveCapacity`).
    private var expected = 0

    var count: Int { keyStarts.count - 1 }

    /// Whether keys are found by their number rather than hashed (for tests).
    var findsByNumber: Bool { !hashed }

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
        if !hashed { return numbered.unsafelyUnwrapped.entry(for: key) }
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
        keyBytes.append(contentsOf: key)
        keyStarts.append(keyBytes.count)
        let entry = count - 1
        let wasHashed = hashed
        noteShape(key, entry: entry)
        if hashed && !wasHashed {
            rehash()  // every key, this one included
        } else if !hashed && wasHashed {
            slots = [Slot](repeating: Slot(head: 0, tail: 0, meta: 0), count: 16)
        } else if hashed {
            if count * 4 > slots.count * 3 { rehash() }
            else { place(entry: entry, key: key) }
        }
        return entry
    }

    /// Keeps `numbered` up to date with the key just stored as `entry`; `hashed` tells whether
    /// the slots must hold the keys from now on.
    private mutating func noteShape(_ key: UnsafeBufferPointer<UInt8>, entry: Int) {
        if entry == 0 { numbered = NumberedKeys(first: key) }
        guard numbered != nil, let number = numbered!.number(of: key) else {
            numbered = nil
            hashed = true
            return
        }
        let bytes = keyBytes, starts = keyStarts, digits = numbered!.digits
        numbered!.add(number, entry: entry, count: count) { e in
            // An entry's number: its last `digits` bytes (every key has the shape).
            var n: UInt64 = 0
            for k in (starts[e + 1] - digits)..<starts[e + 1] { n = n &* 10 &+ UInt64(bytes[k] &- 0x30) }
            return n
        }
        hashed = !numbered!.isDense
    }

    @discardableResult
    mutating func insert(_ key: String) -> Int {
        var k = key
        return k.withUTF8 { insert($0) }
    }

    /// Makes room for `count` keys in all, so that inserting up to that many rehashes at most
    /// once (slots are made only when keys are hashed, see `numbered`).
    mutating func reserveCapacity(_ count: Int) {
        expected = max(expected, count)
        keyStarts.reserveCapacity(count + 1)
        if hashed && self.count > 0 && count * 4 > slots.count * 3 { rehash() }
    }

    private func keyEquals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = keyStarts[entry], end = keyStarts[entry + 1]
        guard end - start == key.count else { return false }
        return keyBytes.withUnsafeBufferPointer { all in
            ByteRun.equal(all.baseAddress.map { $0 + start }, key.baseAddress, count: key.count)
        }
    }

    private mutating func place(entry: Int, key: UnsafeBufferPointer<UInt8>) {
        let h = Self.hash(key)
        let (head, tail) = Self.words(key)
        let meta = Self.tag(h, key.count) | UInt64(entry + 1)
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s].meta != 0 { s = (s + 1) & mask }
            slots[s] = Slot(head: head, tail: tail, meta: meta)
        }
    }

    /// Makes the slots anew (a power of two, at least 4/3 of the keys or of `expected`) and
    /// places every key.
    private mutating func rehash() {
        var capacity = 16
        while max(count, expected) * 4 > capacity * 3 { capacity *= 2 }
        slots = [Slot](repeating: Slot(head: 0, tail: 0, meta: 0), count: capacity)
        let bytes = keyBytes, starts = keyStarts
        bytes.withUnsafeBufferPointer { all in
            for e in 0..<count { place(entry: e, key: UnsafeBufferPointer(rebasing: all[starts[e]..<starts[e + 1]])) }
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
