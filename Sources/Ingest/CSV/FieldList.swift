/// The fields of the record being scanned, in storage that is reused from record to record
/// (an `Array` would pay a capacity and uniqueness check on every field).
final class FieldList {
    private(set) var base: UnsafeMutablePointer<CSVField>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func append(_ field: CSVField) {
        if count == capacity { grow() }
        base[count] = field
        count &+= 1  // below the capacity (a count of memory), so unchecked
    }

    /// Makes room for `extra` more fields after `count`, so that many can be stored straight
    /// through `base` (a scanner's inner loop keeps the count in a register and stores it back).
    @inline(__always)
    func reserve(_ extra: Int) {
        while count &+ extra > capacity { grow() }  // counts of memory: no overflow
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<CSVField>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    var buffer: UnsafeBufferPointer<CSVField> { UnsafeBufferPointer(start: base, count: count) }
}
