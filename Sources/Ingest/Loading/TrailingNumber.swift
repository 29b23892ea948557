/// An id read as its shape and the number its trailing digits write: the text before the
/// trailing digits (at most 18 of them, so the number fits a `UInt64`), the count of those
/// digits, and their value. `INV-000123` is (`INV-`, 6, 123); `20240001234567890123` is
/// (`20`, 18, 240001234567890123).
///
/// The split is one to one: the digits are the number zero-padded to their count, so two ids
/// are equal exactly when their prefixes, digit counts and numbers are. An id that does not end
/// in a digit has no trailing number.
struct TrailingNumber: Equatable, Sendable {
    /// The most trailing digits read as the number.
    static let maximumDigits = 18

    var number: UInt64
    var digits: Int
    /// Where the digits start: the prefix is the id's bytes before it.
    var start: Int

    /// The trailing number of `id`; nil when the id does not end in a digit.
    @inline(__always)
    init?(_ id: UnsafeBufferPointer<UInt8>) {
        var start = id.count
        var number: UInt64 = 0
        var scale: UInt64 = 1
        while start > 0 && id.count - start < Self.maximumDigits {
            let d = id[start - 1] &- 0x30
            guard d <= 9 else { break }
            number &+= UInt64(d) &* scale
            scale &*= 10
            start -= 1
        }
        guard start < id.count else { return nil }
        self.number = number
        self.digits = id.count - start
        self.start = start
    }
}
