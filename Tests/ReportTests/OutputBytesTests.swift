import Foundation
import Testing
@testable import Report

/// ``OutputBytes`` holds exactly the bytes appended, across every growth of its storage, and the
/// customers CSV's cells appended to it are the bytes they are in a byte array.
@Suite struct OutputBytesTests {
    /// Pieces of 0–99 bytes and single bytes, from a 16-byte start (many growths): the same bytes
    /// as appending them to an array.
    @Test func appendsKeepEveryByteAcrossGrowth() {
        var bytes = OutputBytes(capacity: 1)
        var expected: [UInt8] = []
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for step in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            if step % 3 == 0 {
                let byte = UInt8(truncatingIfNeeded: state >> 33)
                bytes.append(byte)
                expected.append(byte)
            } else {
                let piece = (0..<Int(state >> 57) % 100).map { UInt8(truncatingIfNeeded: Int(state >> 20) &+ $0) }
                piece.withUnsafeBufferPointer { bytes.appendBytes($0) }
                expected += piece
            }
        }
        #expect(bytes.count == expected.count)
        #expect(Array(bytes.bytes) == expected)
        bytes.removeAll()
        #expect(bytes.count == 0 && bytes.bytes.isEmpty)
        [UInt8]().withUnsafeBufferPointer { bytes.appendBytes($0) }
        #expect(bytes.count == 0)
    }

    /// Integers at every digit count (10^k − 1, 10^k, 10^k + 1, negated), the ends of Int64:
    /// `String(value)`'s digits, the same in both sinks.
    @Test func decimalsAreTheirDigitsInBothSinks() {
        var values: [Int64] = [0, 1, 9, 10, 11, 99, 100, Int64.max, Int64.min, Int64.min + 1]
        var power: Int64 = 1
        for _ in 0...18 {
            values += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
            if power <= Int64.max / 10 { power *= 10 }
        }
        for value in values {
            var array: [UInt8] = []
            var bytes = OutputBytes(capacity: 1)
            CustomersCSV.appendDecimal(value, to: &array)
            CustomersCSV.appendDecimal(value, to: &bytes)
            #expect(String(decoding: array, as: UTF8.self) == String(value))
            #expect(Array(bytes.bytes) == array)
        }
    }

    /// Numbers at the formatting edges and 200,000 random ones (fractions, cents, any bit
    /// pattern): whole numbers below 10^15 as digits, others as `description`, -0 as 0,
    /// non-finite as nothing, the same in both sinks.
    @Test func numbersAreTheSameInBothSinks() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 1e15 - 1, 1e15, 1e15 + 2, -1e15, 9_007_199_254_740_993, 1e16, 1e-5,
                                0.0001, 5e-324, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, .nan,
                                13.333333333333332, 200.0 / 3, 0.1 + 0.2]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for k in 0..<200_000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            switch k % 3 {
            case 0: values.append(Double(bitPattern: state))
            case 1: values.append(Double(Int64(bitPattern: state) % 10_000_000) / 100)
            default: values.append(Double(state >> 11) / Double(1 << 53))
            }
        }
        var array: [UInt8] = []
        var bytes = OutputBytes(capacity: 1)
        for value in values {
            let start = array.count
            CustomersCSV.appendNumber(value, to: &array)
            CustomersCSV.appendNumber(value, to: &bytes)
            let text = String(decoding: array[start...], as: UTF8.self)
            if !value.isFinite {
                #expect(text.isEmpty)
            } else if value == value.rounded(), abs(value) < 1e15 {
                #expect(text == String(Int64(value)))
            } else {
                #expect(text == value.description)
            }
            array.append(0x0A)
            bytes.append(0x0A)
        }
        #expect(Array(bytes.bytes) == array)
    }

    /// Cells (plain, quoted, guarded) appended to both sinks give the same bytes.
    @Test func cellsAreTheSameInBothSinks() {
        var array: [UInt8] = []
        var bytes = OutputBytes(capacity: 1)
        for text in ["", "plain", "a,b", "say \"hi\"", "=SUM(A1)", " lead", "trail ", "-3", "line\nbreak", "Müller, Anna",
                     String(repeating: "x", count: 300)] {
            CustomersCSV.appendCell(text, kind: .text, to: &array)
            CustomersCSV.appendCell(text, kind: .text, to: &bytes)
            CustomersCSV.appendCell(text, kind: .number, to: &array)
            CustomersCSV.appendCell(text, kind: .number, to: &bytes)
        }
        #expect(Array(bytes.bytes) == array)
        #expect(String(decoding: array.prefix(40), as: UTF8.self) == "plainplain\"a,b\"\"a,b\"\"say \"\"hi\"\"\"\"say \"\"h")
    }
}
