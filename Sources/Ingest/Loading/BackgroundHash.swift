import Dispatch
import Foundation

/// SHA-256 of a file's bytes computed on a thread of its own, so hashing overlaps parsing:
/// of bytes already in memory (files read whole), or of a streamed file read beside its
/// parsing (up to the size it had when opened, like every other pass over it).
final class BackgroundHash: @unchecked Sendable {
    private var done: DispatchSemaphore?
    private var result: Result<String, FileSource.Failure> = .success("")
    private let path: String

    /// Hashes bytes already in memory.
    init(bytes: [UInt8]) {
        path = ""
        done = WorkerThreads.spawn {
            self.result = .success(SHA256.hex(of: bytes))
        }
    }

    /// Hashes the file `file` (opened from `path`) in 256 KiB pieces: each piece is copied in by
    /// the kernel and hashed while it is still in the core's cache (4 MiB pieces were not).
    init(file: FileSource, path: String) {
        self.path = path
        done = WorkerThreads.spawn {
            var hasher = SHA256()
            var buffer = [UInt8](repeating: 0, count: 1 << 18)
            var offset = 0
            do throws(FileSource.Failure) {
                while offset < file.size {
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
