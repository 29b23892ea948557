import Dispatch
import Foundation

/// SHA-256 of bytes already in memory computed on a background thread, so hashing overlaps
/// parsing on a second core. (Streamed order files are hashed in their encoding-check pass.)
final class BackgroundHash: @unchecked Sendable {
    private var done: DispatchSemaphore?
    private var result: Result<String, FileSource.Failure> = .success("")
    private let path = ""

    /// Hashes bytes already in memory.
    init(bytes: [UInt8]) {
        done = WorkerThreads.spawn {
            self.result = .success(SHA256.hex(of: bytes))
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
