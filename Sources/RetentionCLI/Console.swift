#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes: results on standard output, diagnostics and progress on standard
/// error. Injected so tests capture exactly what a user would see. Everything written to
/// standard error goes through `TerminalText.diagnostic` (escaped and bounded), whoever wrote it.
public struct Console: Sendable {
    public let out: @Sendable (String) -> Void
    public let err: @Sendable (String) -> Void
    /// Progress lines are shown only when standard error is a terminal (never in cron or CI logs).
    public let showsProgress: Bool

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                showsProgress: Bool) {
        self.out = out
        self.err = { text in err(TerminalText.diagnostic(text)) }
        self.showsProgress = showsProgress
    }

    /// The process's real standard output and error.
    public static var standard: Console {
        Console(
            out: { text in writeAll(text, to: 1) },
            err: { text in writeAll(text, to: 2) },
            showsProgress: isatty(2) == 1
        )
    }

    func progress(_ message: String) {
        if showsProgress { err("retention: \(message)\n") }
    }
}

/// Writes all of `text` to a file descriptor, retrying short writes and EINTR.
private func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { buffer in
            write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written < 0 {
            if errno == EINTR { continue }
            return  // a closed pipe (e.g. `| head`): nothing more can be shown
        }
        offset += written
    }
}
