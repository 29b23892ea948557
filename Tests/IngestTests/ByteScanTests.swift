import Testing
@testable import Ingest

/// The word-at-a-time readers agree with the plain byte loops they stand for.
@Suite struct ByteScanTests {
    /// `count` digits read one by one (nil when one is not a digit).
    func digitsByLoop(_ bytes: [UInt8]) -> UInt64? {
        var n: UInt64 = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + UInt64(b - 0x30)
        }
        return n
    }

    @Test func eightDigitsAgreeWithTheLoop() {
        var rng = SystemRandomNumberGenerator()
        #expect(EightDigits.value(endingAt: Array("CUST-0000360".utf8).withUnsafeBufferPointer { $0.baseAddress! + 12 }, count: 7) == 360)
        for count in 1...8 {
            for trial in 0..<20_000 {
                // Eight bytes: `8 − count` of anything, then `count` digits, one of them sometimes not.
                var bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &rng) }
                for k in (8 - count)..<8 { bytes[k] = UInt8.random(in: 0x30...0x39, using: &rng) }
                if trial % 4 == 0 { bytes[Int.random(in: (8 - count)..<8, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
                if trial == 0 { for k in (8 - count)..<8 { bytes[k] = 0x39 } }  // the largest
                let expected = digitsByLoop(Array(bytes[(8 - count)...]))
                let got = bytes.withUnsafeBufferPointer { EightDigits.value(endingAt: $0.baseAddress! + 8, count: count) }
                if got != expected {
                    Issue.record("\(bytes), \(count) digits: \(String(describing: got)), expected \(String(describing: expected))")
                    return
                }
            }
        }
    }

    /// The longest valid UTF-8 prefix by the standard library's parser.
    func validPrefixByParser(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var length = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): length += scalar.count
            case .emptyInput, .error: return length
            }
        }
    }

    @Test func validPrefixAgreesWithTheParser() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [Array("plain ascii text, 40 bytes of it here..".utf8), Array("é".utf8), Array("€".utf8),
                                 Array("𝄞".utf8), [0xC3], [0xE2, 0x82], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x80]]
        for trial in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                // Mostly ASCII runs (of every length, across the 32- and 8-byte steps), some others.
                let piece = trial % 3 == 0 ? pieces.randomElement(using: &rng)! : pieces[0]
                bytes += piece.prefix(Int.random(in: 1...piece.count, using: &rng))
            }
            let expected = validPrefixByParser(bytes)
            let got = bytes.withUnsafeBufferPointer { UTF8Validation.validPrefixLength($0) }
            if got != expected {
                Issue.record("\(bytes): \(got), expected \(expected)")
                return
            }
        }
    }
}
