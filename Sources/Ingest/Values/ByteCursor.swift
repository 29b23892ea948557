/// A read position in a field's bytes, for the value parsers.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    var end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.index = 0
        self.end = bytes.count
        // Most fields start and end with a printable ASCII byte: nothing to trim.
        if end > 0, bytes[0] > 0x20, bytes[0] < 0x80, bytes[end &- 1] > 0x20, bytes[end &- 1] < 0x80 { return }
        trimSpaces()
    }

    var isAtEnd: Bool { index >= end }
    var remaining: Int { end - index }
    var peek: UInt8? { index < end ? bytes[index] : nil }
    func peek(_ offset: Int) -> UInt8? { index + offset < end ? bytes[index + offset] : nil }

    mutating func advance(_ n: Int = 1) { index += n }

    /// Consumes `byte` if it is next.
    mutating func eat(_ byte: UInt8) -> Bool {
        if index < end && bytes[index] == byte { index += 1; return true }
        return false
    }

    /// Consumes 1…`maxDigits` ASCII digits and returns their value (nil when none).
    mutating func digits(min minDigits: Int = 1, max maxDigits: Int) -> (value: Int, count: Int)? {
        // At most 18 digits, whose value fits an Int: counted and summed without overflow checks.
        precondition(maxDigits <= 18, "at most 18 digits")
        var value = 0
        var count = 0
        while count < maxDigits, index < end {
            let b = bytes[index]
            guard b >= 0x30 && b <= 0x39 else { break }
            value = value &* 10 &+ Int(b &- 0x30)
            count &+= 1
            index &+= 1
        }
        return count >= minDigits ? (value, count) : nil
    }

    /// Skips ASCII spaces and tabs.
    mutating func skipSpaces() {
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    /// Drops leading and trailing spaces, tabs and no-break spaces (U+00A0, U+202F).
    mutating func trimSpaces() {
        while index < end {
            if bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1; continue }
            if index + 1 < end, bytes[index] == 0xC2, bytes[index + 1] == 0xA0 { index += 2; continue }
            if index + 2 < end, bytes[index] == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0xAF { index += 3; continue }
            break
        }
        while end > index {
            let b = bytes[end - 1]
            if b == 0x20 || b == 0x09 { end -= 1; continue }
            if end - 2 >= index, b == 0xA0, bytes[end - 2] == 0xC2 { end -= 2; continue }
            if end - 3 >= index, b == 0xAF, bytes[end - 2] == 0x80, bytes[end - 3] == 0xE2 { end -= 3; continue }
            break
        }
    }

    /// Case-insensitively consumes the ASCII word `word` if it is next.
    mutating func eatWord(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard remaining >= n else { return false }
        let w = word.utf8Start
        for k in 0..<n where bytes[index + k] | 0x20 != w[k] | 0x20 { return false }
        index += n
        return true
    }
}
