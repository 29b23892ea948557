import Dispatch
import Synchronization

/// A job run on another thread while the caller goes on; ``wait()`` returns its result.
///
/// By default the job goes to the shared pool (`DispatchQueue.global`). A caller that will
/// itself run `DispatchQueue.concurrentPerform` while the job is pending passes a queue of its
/// own (`DispatchQueue(label:)`), which gets a thread even while the pool's are busy: a
/// `concurrentPerform` inside another one gets no more threads than the outer one left it — on
/// two cores, none — and runs its jobs one after the other.
public final class BackgroundResult<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(on queue: DispatchQueue = .global(qos: .userInitiated), _ work: @escaping @Sendable () -> Value) {
        queue.async { [self] in
            let result = work()
            value.withLock { $0 = result }
            done.signal()
        }
    }

    /// Blocks until the job is done and returns its result (call it once).
    public func wait() -> Value {
        done.wait()
        return value.withLock { $0! }
    }
}
