import Dispatch
import Foundation

/// Results of parallel partitions, filled by worker threads and read after they finish.
final class PartitionResults<Partial>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(Partial, OrderStream.Partition, Result<RecordStream.Outcome, RecordStream.Failure>)?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ k: Int, partial: Partial, partition: OrderStream.Partition,
               outcome: Result<RecordStream.Outcome, RecordStream.Failure>) {
        lock.lock()
        slots[k] = (partial, partition, outcome)
        lock.unlock()
    }

    func take(_ k: Int) -> (Partial, OrderStream.Partition, Result<RecordStream.Outcome, RecordStream.Failure>)? {
        lock.lock()
        defer { lock.unlock() }
        return slots[k]
    }
}
