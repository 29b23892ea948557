/// Where the customers CSV's cells are appended: a byte array, or ``OutputBytes`` for the rows.
protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// A growing run of bytes written through a pointer. A row of the customers CSV is some thirty
/// pieces of a few bytes each; `Array.append(contentsOf:)` spends more on its checks (unique
/// storage, capacity, the generic copy) than on copying them. Here an append is a capacity
/// test and a copy.
///
/// Not copyable: the one owner frees the memory when it goes away.
struct OutputBytes: ~Copyable, ByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let source = bytes.baseAddress else { return }
        if capacity - count < n { grow(to: count + n) }
        (base + count).update(from: source, count: n)
        count += n
    }

    /// At least doubles the capacity, keeping the bytes.
    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, 2 * capacity)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = newCapacity
    }
}
