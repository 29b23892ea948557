#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Publishing
import Synchronization

/// A side file of a run (the metrics JSON, the customers CSV) written on another thread while the run goes on: to a
/// new temporary file beside its path (``ReportPublisher/stage(to:pieces:)``), put in place only
/// when the run calls ``commit()``. The run commits it after the report and the metrics JSON are
/// published, so what ends up published, the message and the exit status are those of writing
/// the files one after the other: the first failure in that order is reported and nothing after
/// it is put in place. ``discard()`` (any other way out)
/// stops the writing at its next piece and removes the temporary file, so no run leaves half a
/// file or a stray temporary file behind.
final class StagedWrite: Sendable {
    let path: String
    private let outcome: ThreadResult<Result<StagedFile, PublishingError>>
    /// Set by ``discard()``: the next piece fails with `ECANCELED`, which removes the temporary file.
    private let stopped = Flag()
    /// Committed or discarded: nothing more to do.
    private let settled = Atomic<Bool>(false)

    /// Starts writing the bytes `produce` hands over to a temporary file beside `path` (creating
    /// `path`'s folder first, as a sequential write would).
    init(path: String,
         produce: @escaping @Sendable (_ write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void) {
        self.path = path
        Files.createParentFolder(of: path)
        let stopped = stopped
        outcome = ThreadResult {
            Result { () throws(PublishingError) -> StagedFile in
                try ReportPublisher().stage(to: path) { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
                    try produce { (piece: [UInt8]) throws(SystemFailure) in
                        if stopped.isSet { throw SystemFailure(code: ECANCELED) }
                        try write(piece)
                    }
                }
            }
        }
    }

    /// Waits for the write to end and renames the file over `path`; a failed write or rename is
    /// an output error naming the path, and then nothing is left of the file. With `folderSyncs`
    /// the folder is synced by it, later; else right after the rename.
    func commit(folderSyncs: FolderSyncs? = nil) throws {
        guard !settled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        do {
            try ReportPublisher(folderSyncs: folderSyncs).commit(outcome.wait().get())
        } catch {
            throw CommandFailure(message: error.description, status: .outputError)
        }
    }

    /// Stops the write and removes what was written (nothing if already committed).
    func discard() {
        guard !settled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        stopped.set()
        if case .success(let staged) = outcome.wait() { ReportPublisher().discard(staged) }
    }
}

/// A flag one thread sets and another reads.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

/// A value computed on a thread of its own; `wait()` blocks until it is there (call it once).
/// Not the shared pool: it runs as many busy tasks as there are cores and queues the rest, so a
/// side file started while the pool is busy would wait instead of sharing the cores.
final class ThreadResult<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            let result = work()
            value.withLock { $0 = result }
            done.signal()
        }
        thread.start()
    }

    func wait() -> Value {
        done.wait()
        return value.withLock { $0! }
    }
}
