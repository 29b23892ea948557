/// A hash table from byte strings (customer ids) to integers, looked up straight from field
/// bytes without making a `String`: open addressing with linear probing over keys stored
/// back to back in one byte array.
struct ByteKeyedIndex: Sendable {
    private var keyBytes: [UInt8] = []
    private var keyStarts: [Int] = [0]
    private var values: [Int] = []
    /// Slot → entry number + 1 (0 = empty).
    private var slots: [Int32] = [Int32](repeating: 0, count: 16)
    private var hashes: [UInt64] = []

    var count: Int { values.count }

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

    func value(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[s])
            if e == 0 { return nil }
            if hashes[e - 1] == h && keyEquals(e - 1, key) { return values[e - 1] }
            s = (s + 1) & mask
        }
    }

    func value(for key: String) -> Int? {
        var k = key
        return k.withUTF8 { value(for: $0) }
    }

    /// Inserts `key → value` unless the key is present; returns the value now stored.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, value: Int) -> Int {
        if let existing = self.value(for: key) { return existing }
        if (values.count + 1) * 4 > slots.count * 3 { grow() }
        let h = Self.hash(key)
        keyBytes.append(contentsOf: key)
        keyStarts.append(keyBytes.count)
        values.append(value)
        hashes.append(h)
        place(entry: values.count - 1, hash: h)
        return value
    }

    @discardableResult
    mutating func insert(_ key: String, value: Int) -> Int {
        var k = key
        return k.withUTF8 { insert($0, value: value) }
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

    private mutating func place(entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hash) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(entry + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for e in 0..<values.count { place(entry: e, hash: hashes[e]) }
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
