import Testing
@testable import Ingest

@Suite struct TrailingNumberTests {
    /// (number, digits, start) of `id`'s trailing number; nil when it has none.
    func split(_ id: String) -> [UInt64]? {
        var t = id
        return t.withUTF8 { TrailingNumber($0) }.map { [$0.number, UInt64($0.digits), UInt64($0.start)] }
    }

    @Test func splitsPrefixDigitCountAndNumber() {
        #expect(split("INV-000123") == [123, 6, 4])
        #expect(split("7") == [7, 1, 0])
        #expect(split("A0") == [0, 1, 1])
        // At most 18 digits: the 20-digit tail keeps "20" in the prefix.
        #expect(split("20240001234567890123") == [240_001_234_567_890_123, 18, 2])
        #expect(split("999999999999999999") == [999_999_999_999_999_999, 18, 0])
    }

    @Test func anIdNotEndingInADigitHasNone() {
        #expect(split("") == nil)
        #expect(split("ACME") == nil)
        #expect(split("12a") == nil)
        #expect(split("9/") == nil)  // "/" is the byte before "0"
        #expect(split("9:") == nil)  // ":" is the byte after "9"
    }
}

@Suite struct NumberedKeysTests {
    func insert(_ index: inout ByteKeyedIndex, _ keys: [String]) -> [Int] { keys.map { index.insert($0) } }

    /// 1…n in a scrambled order: k ↦ (k × 7919) mod n + 1 visits every number once when n and 7919 are coprime.
    func scrambled(_ n: Int) -> [Int] { (0..<n).map { $0 * 7919 % n + 1 } }

    @Test func numberedKeysAreFoundByNumber() {
        var index = ByteKeyedIndex()
        let keys = (1...5000).map { "CUST-" + String(10_000_000 + $0).dropFirst() }  // CUST-0000001 … CUST-0005000
        #expect(insert(&index, keys) == Array(0..<5000))
        #expect(index.findsByNumber)
        for (i, k) in keys.enumerated() { #expect(index.value(for: k) == i) }
        #expect(index.insert("CUST-0000042") == 41)  // present: its number
        #expect(index.count == 5000)
    }

    /// `number(of:)` (a word for the prefix and one for the digits when they fit) against its
    /// definition: the key is the prefix followed by `digits` digits, the number `TrailingNumber` reads.
    @Test func aKeysNumberIsItsTrailingNumberWhenItHasTheShape() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("AB-_09/:".utf8)
        for prefixLength in 0...10 {
            for digits in 1...10 {
                let prefix = (0..<prefixLength).map { _ in alphabet.randomElement(using: &rng)! }
                    .enumerated().map { $0.offset == prefixLength - 1 ? UInt8(ascii: "-") : $0.element }  // no digit before the number
                let first = prefix + [UInt8](repeating: UInt8(ascii: "1"), count: digits)
                guard let keys = first.withUnsafeBufferPointer({ NumberedKeys(first: $0) }) else {
                    Issue.record("no shape for \(first)")
                    return
                }
                for trial in 0..<300 {
                    var key = prefix + (0..<digits).map { _ in UInt8.random(in: 0x30...0x39, using: &rng) }
                    switch trial % 6 {
                    case 0 where !key.isEmpty: key[Int.random(in: 0..<key.count, using: &rng)] = alphabet.randomElement(using: &rng)!
                    case 1: key.append(UInt8(ascii: "7"))
                    case 2 where !key.isEmpty: key.removeFirst()
                    default: break
                    }
                    let expected: UInt64? = key.withUnsafeBufferPointer { k in
                        guard let t = TrailingNumber(k), t.start == prefixLength, t.digits == digits,
                              Array(k[0..<t.start]) == prefix else { return nil }
                        return t.number
                    }
                    let got = key.withUnsafeBufferPointer { keys.number(of: $0) }
                    if got != expected {
                        Issue.record("\(String(decoding: key, as: UTF8.self)) (prefix \(prefixLength), \(digits) digits): \(String(describing: got)), expected \(String(describing: expected))")
                        return
                    }
                }
            }
        }
    }

    @Test func keysOfAnotherShapeOrOutsideTheNumbersAreAbsent() {
        var index = ByteKeyedIndex()
        _ = insert(&index, (1...100).map { "CUST-" + String(10_000_000 + $0).dropFirst() })
        #expect(index.findsByNumber)
        for absent in ["CUST-0000000", "CUST-0000101", "CUST-9999999", "CUST-000001", "CUST-00000001", "cust-0000001",
                       "CUSU-0000001", "XCUST-0000001", "0000001", "CUST-", "CUST-000000A", "", "1"] {
            #expect(index.value(for: absent) == nil, "\(absent)")
        }
    }

    @Test func eighteenDigitShapesKeepDigitsInTheirPrefix() {
        // "20" + 18 digits: the trailing number is the last 18 digits, the prefix "20" ends in a
        // digit (20000000000000000001 … 20000000000000000050).
        var index = ByteKeyedIndex()
        let keys = (1...50).map { "20" + String(1_000_000_000_000_000_000 + $0).dropFirst() }
        #expect(keys[0] == "20000000000000000001")
        #expect(insert(&index, keys) == Array(0..<50))
        #expect(index.findsByNumber)
        for (i, k) in keys.enumerated() { #expect(index.value(for: k) == i) }
        for absent in ["21000000000000000001", "2000000000000000001", "120000000000000000001", "2000000000000000000A",
                       "20000000000000000051", "20000000000000000000"] {
            #expect(index.value(for: absent) == nil, "\(absent)")
        }
    }

    @Test func scrambledOrderStaysDense() {
        // 3000 ids inserted in a scrambled order: the array grows as higher numbers arrive.
        let numbers = scrambled(3000)
        #expect(Set(numbers).count == 3000)
        var index = ByteKeyedIndex()
        for (i, n) in numbers.enumerated() { #expect(index.insert("C\(100_000 + n)") == i) }
        #expect(index.findsByNumber)
        for (i, n) in numbers.enumerated() { #expect(index.value(for: "C\(100_000 + n)") == i) }
        #expect(index.value(for: "C100000") == nil)
        #expect(index.value(for: "C103001") == nil)
        // Descending numbers: every key lies below the previous ones.
        var descending = ByteKeyedIndex()
        for (i, n) in (1...3000).reversed().enumerated() { #expect(descending.insert("D\(900_000 + n)") == i) }
        #expect(descending.findsByNumber)
        #expect(descending.value(for: "D900001") == 2999)
        #expect(descending.value(for: "D903000") == 0)
        #expect(descending.value(for: "D900000") == nil)
    }

    @Test func sparseNumbersAreHashedAndDenseAgainOnceTheKeysFillThem() {
        var index = ByteKeyedIndex()
        _ = insert(&index, (1...100).map { "K\(10_000 + $0)" })  // K10001 … K10100
        #expect(index.findsByNumber)
        // K19999 makes the span 9999 > 4 × 101 + 4096 = 4500: hashed from here.
        #expect(index.insert("K19999") == 100)
        #expect(!index.findsByNumber)
        #expect(index.value(for: "K10001") == 0)
        #expect(index.value(for: "K10100") == 99)
        #expect(index.value(for: "K19999") == 100)
        #expect(index.value(for: "K10101") == nil)
        // K10101 … K11500 keep the span at 9999: with 1475 keys 4 × 1475 + 4096 = 9996 < 9999 (still
        // hashed); with 1476, 4 × 1476 + 4096 = 10000 ≥ 9999 and 1476 ≥ 202 (twice the 101 keys
        // held when the array was dropped): found by number again.
        for (k, n) in (10_101...11_500).enumerated() {
            #expect(index.insert("K\(n)") == 101 + k)
            if 101 + k + 1 == 1475 { #expect(!index.findsByNumber) }
            if 101 + k + 1 == 1476 { #expect(index.findsByNumber) }
        }
        #expect(index.findsByNumber)
        #expect(index.value(for: "K19999") == 100)
        #expect(index.value(for: "K11500") == 1500)
        #expect(index.value(for: "K11501") == nil)
    }

    @Test func aKeyOfAnotherShapeTurnsTheIndexToHashingForGood() {
        var index = ByteKeyedIndex()
        let numbered = (1...2000).map { "INV-\(100_000 + $0)" }
        _ = insert(&index, numbered)
        #expect(index.findsByNumber)
        #expect(index.insert("ACME") == 2000)
        #expect(!index.findsByNumber)
        #expect(index.insert("INV-102001") == 2001)
        #expect(!index.findsByNumber)
        for (i, k) in numbered.enumerated() { #expect(index.value(for: k) == i) }
        #expect(index.value(for: "ACME") == 2000)
        #expect(index.value(for: "INV-102001") == 2001)
        #expect(index.value(for: "INV-102002") == nil)
        #expect(index.value(for: "INV-1") == nil)
    }

    @Test func reservedHashedKeysGrowOnceAndStayFound() {
        // Keys without trailing digits are hashed from the first; 20 000 keys in slots sized
        // for them (reserve), then 20 000 more past the reservation (the slots double).
        var index = ByteKeyedIndex()
        index.reserveCapacity(20_000)
        let keys = (0..<40_000).map { "acct-\($0)-x" }
        #expect(insert(&index, keys) == Array(0..<40_000))
        #expect(!index.findsByNumber)
        for (i, k) in keys.enumerated() { #expect(index.value(for: k) == i) }
        #expect(index.value(for: "acct-40000-x") == nil)
        #expect(index.value(for: "acct-1-") == nil)
    }
}
