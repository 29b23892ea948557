import Testing
@testable import Ingest

@Suite struct ByteRunTests {
    func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        precondition(x.count == y.count)
        return x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in ByteRun.equal(p.baseAddress, q.baseAddress, count: x.count) } }
    }

    @Test func equalRunsOfEveryLengthAroundAWord() {
        // 0 bytes (nil pointers), under a word (byte loop), exactly one and two words, and
        // 13 bytes (one word, then the last eight overlapping it).
        #expect(ByteRun.equal(nil, nil, count: 0))
        for text in ["A", "ORD", "ORD-0001", "ORD-000000001", "CUST-0000001-EUR"] { #expect(equal(text, text), "\(text)") }
    }

    @Test func aDifferenceAnywhereIsFound() {
        let id = "ORD-000000001"  // 13 bytes: word 0–7, then the tail 5–12
        for k in 0..<13 {
            var other = Array(id.utf8)
            other[k] ^= 0x01
            #expect(!equal(id, String(decoding: other, as: UTF8.self)), "byte \(k)")
        }
        #expect(!equal("ABC", "ABD"))
        #expect(!equal("ORD-0001", "ORD-0002"))
        #expect(!equal("CUST-0000001-EUR", "CUST-0000001-EUS"))
    }
}
