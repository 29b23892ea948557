/// A write position in bytes reserved at the end of a byte array, for text made of many short
/// pieces (a health reason's sentence): the array's capacity is checked once for the whole text
/// and each piece is stored straight into place, where `append(contentsOf:)` costs about 100
/// instructions a piece (a reason has 5 to 12 pieces).
///
/// The text must fit in the bytes reserved: every write checks it and stops the program
/// otherwise (a caller reserves a proven upper bound, never a guess).
struct TextCursor {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count: Int

    private init(base: UnsafeMutablePointer<UInt8>, capacity: Int, count: Int) {
        self.base = base
        self.capacity = capacity
        self.count = count
    }

    /// Runs `write` on a cursor over `bound` bytes reserved after `out`'s last byte, then keeps
    /// the bytes it wrote (at most `bound`).
    static func append(to out: inout [UInt8], bound: Int, _ write: (inout TextCursor) -> Void) {
        out.append(addingCapacity: bound) { span in
            span.withUnsafeMutableBufferPointer { buffer, initialized in
                var cursor = TextCursor(base: buffer.baseAddress!, capacity: buffer.count, count: initialized)
                write(&cursor)
                initialized = cursor.count
            }
        }
    }

    mutating func write(_ byte: UInt8) {
        precondition(count < capacity, "text longer than the bytes reserved for it")
        base[count] = byte
        count += 1
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(bytes.count <= capacity - count, "text longer than the bytes reserved for it")
        if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
        count += bytes.count
    }

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { write($0) }
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    /// `String(n)`'s bytes, the digits left-padded with zeros to `width`: the digits are counted,
    /// then stored from the last one back (divisions by the constant 10 are multiplications).
    mutating func writeDecimal(_ n: Int, width: Int = 1) {
        if n < 0 { write(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        var digits = 1, rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let length = max(digits, width)
        precondition(length <= capacity - count, "text longer than the bytes reserved for it")
        var position = count + length
        for _ in 0..<digits {
            position -= 1
            base[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        }
        while position > count {
            position -= 1
            base[position] = UInt8(ascii: "0")
        }
        count += length
    }
}
