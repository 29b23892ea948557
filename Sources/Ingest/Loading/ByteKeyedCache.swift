/// Values worked out from field bytes, remembered per distinct bytes: a column of statuses,
/// currencies or billing intervals holds a handful of distinct values over millions of rows,
/// so each is decoded once and then found from the bytes (no `String` per row). Up to `limit`
/// distinct keys are remembered; beyond that, values are worked out every time.
struct ByteKeyedCache<Value: Sendable>: Sendable {
    private var index = ByteKeyedIndex()
    private var values: [Value] = []
    let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    @inline(__always)
    mutating func value(for key: UnsafeBufferPointer<UInt8>, _ make: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        if let known = self[key] { return known }
        let value = make(key)
        remember(value, for: key)
        return value
    }

    /// The value remembered for `key`, if any.
    subscript(key: UnsafeBufferPointer<UInt8>) -> Value? {
        index.value(for: key).map { values[$0] }
    }

    /// Remembers `value` for `key` (a key not remembered yet), while fewer than `limit` are.
    mutating func remember(_ value: Value, for key: UnsafeBufferPointer<UInt8>) {
        guard values.count < limit else { return }
        index.insert(key)
        values.append(value)
    }
}
