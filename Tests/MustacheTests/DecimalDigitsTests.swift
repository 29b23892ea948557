import Testing
@testable import Mustache

/// `DecimalDigits.write` against `String(value)`: every power of ten and its neighbours (each
/// digit count, the 10⁸ steps between the 64- and 32-bit parts) and random values of every size.
@Suite struct DecimalDigitsTests {
    static func digits(_ value: UInt64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            let end = buffer.baseAddress! + 24
            let count = DecimalDigits.write(value, before: end)
            return String(decoding: UnsafeBufferPointer(start: end - count, count: count), as: UTF8.self)
        }
    }

    @Test func digitsAreTheValuesText() {
        var values: [UInt64] = [0, 9, 99, 100_000_000, 99_999_999, 10_000_000_000_000_000, .max]
        var power: UInt64 = 1
        for _ in 0..<20 {
            values += [power - 1, power, power + 1]
            if power <= UInt64.max / 10 { power *= 10 }
        }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<100_000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            values.append(state >> (state % 64))
        }
        for value in values where Self.digits(value) != String(value) {
            Issue.record("\(value): \(Self.digits(value))")
            return
        }
    }
}
