import Dispatch
import Foundation

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
