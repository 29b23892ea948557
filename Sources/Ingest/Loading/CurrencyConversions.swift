/// What converting to the report currency does to the amounts of each currency column value
/// met so far, found from the field's bytes: a currency column holds a handful of distinct
/// values over millions of rows, and after the first row of each the answer cannot change
/// (see `CurrencyBook.factor(for:)`), so a row needs neither a `String` nor a dictionary
/// look-up. Values of up to seven bytes are remembered, at most `capacity` of them; others go
/// the long way (`CurrencyBook.convert`) every time.
struct CurrencyConversions: Sendable {
    static let capacity = 8
    /// The remembered values' bytes, packed by `key(_:)`.
    private var keys: [UInt64] = []
    /// Beside each key: the rate its amounts are multiplied by, nil when they are taken as they are.
    private var factors: [Double?] = []

    /// `raw` packed little-endian into one word with its length in the top byte; nil when it
    /// is longer than seven bytes.
    @inline(__always)
    static func key(_ raw: UnsafeBufferPointer<UInt8>) -> UInt64? {
        if raw.count == 3 {
            // A three-letter ISO 4217 code, nearly every row: the same word, without the loop.
            return 3 &<< 56 | UInt64(raw[2]) &<< 16 | UInt64(raw[1]) &<< 8 | UInt64(raw[0])
        }
        guard raw.count <= 7 else { return nil }
        // At most seven bytes: shifts of 0…48 bits, counted without overflow checks.
        var k = UInt64(raw.count) &<< 56
        var i = 0
        while i < raw.count {
            k |= UInt64(raw[i]) &<< (UInt64(truncatingIfNeeded: i) &* 8)
            i &+= 1
        }
        return k
    }

    /// What converting does to a currency's amounts: multiplies them by `factor`, or takes them
    /// as they are (nil).
    struct Conversion {
        let factor: Double?
    }

    /// The remembered conversion of the value packed as `key`; nil when it is not remembered.
    @inline(__always)
    func conversion(key: UInt64) -> Conversion? {
        var i = 0
        while i < keys.count {
            if keys[i] == key { return Conversion(factor: factors[i]) }
            i &+= 1
        }
        return nil
    }

    /// `amount` converted when `key` is remembered, with the rate it was multiplied by (nil:
    /// taken as it is); nil when the key is not remembered.
    @inline(__always)
    func convert(_ amount: Double, key: UInt64) -> (amount: Double, rate: Double?)? {
        guard let conversion = conversion(key: key) else { return nil }
        guard let factor = conversion.factor else { return (amount, nil) }
        return (amount * factor, factor)
    }

    /// Remembers what converting the value packed as `key` does (while there is room).
    mutating func remember(_ key: UInt64, factor: Double?) {
        guard keys.count < Self.capacity, !keys.contains(key) else { return }
        keys.append(key)
        factors.append(factor)
    }
}
