import Dispatch
import Synchronization

/// A job run on a thread of its own while the caller goes on; ``wait()`` returns its result.
///
/// The job runs on a serial Dispatch queue of its own, which gets a thread even while the
/// shared pool's are busy. Not `DispatchQueue.concurrentPerform`: a `concurrentPerform` called
/// from inside another one (the validator's two parsers, inside a publish) gets no more threads
/// than the outer one left it — on two cores, none — and runs its jobs one after the other.
final class BackgroundResult<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue(label: "retention.publishing.background").async { [self] in
            let result = work()
            value.withLock { $0 = result }
            done.signal()
        }
    }

    /// Blocks until the job is done and returns its result (call it once).
    func wait() -> Value {
        done.wait()
        return value.withLock { $0! }
    }
}
