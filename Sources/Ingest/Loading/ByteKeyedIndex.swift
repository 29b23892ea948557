/// A hash table from byte strings (customer ids) to their insertion number (0, 1, 2, … —
/// which is the customer index), looked up straight from field bytes without making a
/// `String`: open addressing with linear probing; keys are stored back to back in one array.
struct ByteKeyedIndex: Sendable {
    /// One slot: the first eight key bytes packed little-endian, and `meta` = upper 24 bits of
    /// the hash (<< 40) | key length (<< 32, up to 255; 0xFF = longer) | entry number + 1.
    /// A lookup of a key of up to eight bytes touches this one 16-byte slot only.
    struct Slot: Sendable {
        var prefix: UInt64
        var meta: UInt64
    }

    private var slots: [Slot] = [Slot](repeating: Slot(prefix: 0, meta: 0), count: 16)
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

    @inline(__always)
    static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let p = key.baseAddress else { return 0 }
        if key.count >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
        var v: UInt64 = 0
        var shift: UInt64 = 0
        for i in 0..<key.count { v |= UInt64(p[i]) << shift; shift += 8 }
        return v
    }

    @inline(__always)
    static func tag(_ hash: UInt64, _ length: Int) -> UInt64 {
        (hash >> 40) << 40 | UInt64(min(length, 0xFF)) << 32
    }

    func value(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key)
        let tag = Self.tag(h, key.count)
        let prefix = Self.prefix(key)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: h) & mask
            while true {
                let slot = slots[s]
                let entry = Int(truncatingIfNeeded: slot.meta & 0xFFFF_FFFF)
                if entry == 0 { return nil }
                if slot.meta & ~0xFFFF_FFFF == tag && slot.prefix == prefix
                    && (key.count <= 8 || keyEquals(entry - 1, key)) {
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
        place(entry: hashes.count - 1, hash: h, tag: Self.tag(h, key.count), prefix: Self.prefix(key))
        return hashes.count - 1
    }

    @discardableResult
    mutating func insert(_ key: String) -> Int {
        var k = key
        return k.withUTF8 { insert($0) }
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

    private mutating func place(entry: Int, hash: UInt64, tag: UInt64, prefix: UInt64) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while slots[s].meta != 0 { s = (s + 1) & mask }
        slots[s] = Slot(prefix: prefix, meta: tag | UInt64(entry + 1))
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(prefix: 0, meta: 0), count: old.count * 2)
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

    init(_ key: UnsafeBufferPointer<UInt8>) {
        a = ByteKeyedIndex.hash(key)
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in key { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        b = h
    }
}

/// A set of `IDFingerprint`s: open addressing on the fingerprint's own bits (it is already a
/// good hash), so no hashing per lookup.
struct FingerprintSet: Sendable {
    private var a: [UInt64] = [UInt64](repeating: 0, count: 1024)
    private var b: [UInt64] = [UInt64](repeating: 0, count: 1024)
    private(set) var count = 0

    /// Inserts; false when it was already present.
    @inline(__always)
    mutating func insert(_ f: IDFingerprint) -> Bool {
        // (0, 0) marks an empty slot; move a real (0, 0) fingerprint elsewhere.
        let fa = f.a == 0 && f.b == 0 ? 1 : f.a
        if (count + 1) * 5 > a.count * 4 { grow() }  // load factor ≤ 0.8
        let mask = a.count - 1
        var s = Int(truncatingIfNeeded: fa) & mask
        while true {
            if a[s] == 0 && b[s] == 0 {
                a[s] = fa
                b[s] = f.b
                count += 1
                return true
            }
            if a[s] == fa && b[s] == f.b { return false }
            s = (s + 1) & mask
        }
    }

    private mutating func grow() {
        let oldA = a, oldB = b
        a = [UInt64](repeating: 0, count: oldA.count * 2)
        b = [UInt64](repeating: 0, count: oldA.count * 2)
        let mask = a.count - 1
        for k in 0..<oldA.count where oldA[k] != 0 || oldB[k] != 0 {
            var s = Int(truncatingIfNeeded: oldA[k]) & mask
            while a[s] != 0 || b[s] != 0 { s = (s + 1) & mask }
            a[s] = oldA[k]
            b[s] = oldB[k]
        }
    }
}
