import Dispatch
import Foundation

/// Results of parallel partitions, filled by worker threads and read after they finish.
final class ParallelBox<Partial>: @unchecked Sendable {
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

/// Runs `count` closures, the first on the calling thread and the others on threads of
/// their own (not a shared pool: ingest may itself run on a pool thread, and a pool that
/// is busy would serialise the partitions), and waits for all of them.
enum WorkerThreads {
    static func run(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        if count == 1 { work(0); return }
        let joins = (1..<count).map { k in spawn { work(k) } }
        work(0)
        for j in joins { j.wait() }
    }

    /// Starts `body` on a new thread; `wait()` on the result joins it.
    static func spawn(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        return done
    }
}

/// SHA-256 of a file computed on a background thread (reading the file on its own), so
/// hashing overlaps parsing on a second core.
final class BackgroundHash: @unchecked Sendable {
    private var done: DispatchSemaphore?
    private var result: Result<String, FileSource.Failure> = .success("")
    private let path: String

    init(_ file: FileSource) {
        path = file.path
        done = WorkerThreads.spawn {
            var hasher = SHA256()
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var offset = 0
            do throws(FileSource.Failure) {
                while true {
                    let n = try file.read(into: &buffer, start: 0, count: buffer.count, at: offset)
                    if n == 0 { break }
                    buffer.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                    offset += n
                }
                self.result = .success(hasher.finalizeHex())
            } catch {
                self.result = .failure(error)
            }
        }
    }

    /// Waits for the digest (lowercase hex).
    func wait() throws(IngestError) -> String {
        done?.wait()
        done = nil
        switch result {
        case .success(let hex): return hex
        case .failure(let e): throw .unreadable(path: path, reason: e.reason)
        }
    }
}
