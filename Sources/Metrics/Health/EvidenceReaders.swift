import Dispatch
import Synchronization

/// The health evidence (and the order book it holds, the largest thing the metrics keep) for a
/// fixed number of readers on any threads, let go when the last of them is done.
///
/// Each reader takes the evidence (`evidence`) for as long as it reads it and then says so
/// (`done()`); the box drops its own copy when the count reaches 0, so the book is freed as
/// soon as no reader holds a copy of it either, not when the caller's scope ends. The prediction
/// uses it: the purchase histories and the churn model's training rows and order digest are the
/// book's last readers, and the fits, the churn scoring (from a copy of the evidence without the
/// book), the risks' order and the forecasts run without it.
final class EvidenceReaders: Sendable {
    private let state: Mutex<(evidence: HealthEvidence?, readers: Int)>
    /// Signalled once, by the last reader, after the evidence is let go.
    private let released = DispatchSemaphore(value: 0)

    /// `evidence` for `readers` readers (at least 1).
    init(_ evidence: consuming HealthEvidence, readers: Int) {
        precondition(readers >= 1, "at least one reader")
        state = Mutex((evidence: Optional(evidence), readers: readers))
    }

    /// The evidence; nil once every reader is done.
    var evidence: HealthEvidence? {
        state.withLock { $0.evidence }
    }

    /// Readers still to say they are done.
    var readers: Int {
        state.withLock { $0.readers }
    }

    /// One reader is done with the evidence (call it once per reader); the last lets it go.
    func done() {
        // Taken out under the lock and dropped after it, so no reader waits while it is freed.
        var last: HealthEvidence? = state.withLock { state in
            precondition(state.readers > 0, "more readers done than announced")
            state.readers -= 1
            guard state.readers == 0 else { return nil }
            defer { state.evidence = nil }
            return state.evidence
        }
        guard last != nil else { return }
        last = nil
        released.signal()
    }

    /// Blocks until every reader is done and the box has let the evidence go (a reader that is
    /// done waits here so that what it does next does not hold memory beside the evidence).
    func waitUntilReleased() {
        released.wait()
        released.signal()
    }
}
