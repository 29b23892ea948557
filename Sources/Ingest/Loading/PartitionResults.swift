import Foundation

/// One result per part of work split over worker threads (`WorkerThreads.run`): part k stores
/// its own slot, and the caller takes the slots after every part has finished.
final class PartitionResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ k: Int, _ value: Value) {
        lock.lock()
        slots[k] = value
        lock.unlock()
    }

    /// Part k's result; nil when it stored none.
    func take(_ k: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return slots[k]
    }
}
