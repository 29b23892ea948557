import Dispatch
import Foundation

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
                while offset < file.size {  // the bytes the file had when opened, as the parser reads
                    let n = try file.read(into: &buffer, start: 0, count: min(buffer.count, file.size - offset), at: offset)
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

    /// Hashes bytes already in memory.
    init(bytes: [UInt8]) {
        path = ""
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
