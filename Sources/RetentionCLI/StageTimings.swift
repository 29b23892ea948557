#if canImport(Glibc)
import Glibc
#endif

/// Wall time of each stage of a command, on standard error, when `RETENTION_TIMINGS=1` is set
/// (off by default; used by Benchmarks/report-vs-duckdb.sh). One line per stage:
/// `timing: NAME WALLs cpu CPUs peak MiB rss MiB`: wall time since the previous stage ended, the
/// process's CPU time (user + system, all threads) over the same interval, the process's peak resident
/// memory so far (`ru_maxrss`) and its resident memory now (`/proc/self/statm`; what the stage
/// still holds, where the peak only grows). Diagnostics only: nothing written
/// to a report or side file depends on the clock.
final class StageTimings {
    private let report: ((String) -> Void)?
    private var last: Double
    private var lastCPU: Double

    init(environment: [String: String], console: Console) {
        report = environment["RETENTION_TIMINGS"] == "1" ? { console.err($0) } : nil
        last = StageTimings.now()
        lastCPU = StageTimings.cpu()
    }

    /// Ends the stage called `name`.
    func finished(_ name: String) {
        guard let report else { return }
        let now = StageTimings.now(), cpu = StageTimings.cpu()
        report("timing: \(name) \(Self.seconds(now - last)) cpu \(Self.seconds(cpu - lastCPU)) peak \(Self.peakMiB()) MiB rss \(Self.residentMiB()) MiB\n")
        last = now
        lastCPU = cpu
    }

    /// `1.234s`, to the millisecond.
    private static func seconds(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count) + fraction)s"
    }

    private static func cpu() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Peak resident set size of the process so far, in MiB (Linux reports `ru_maxrss` in KiB).
    private static func peakMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// Resident set size now, in MiB: the second field of `/proc/self/statm`, in pages (0 where
    /// the file cannot be read).
    private static func residentMiB() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        guard withUnsafeMutablePointer(to: &size, { s in
            withUnsafeMutablePointer(to: &resident) { r in
                withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
            }
        }) == 2 else { return 0 }
        return resident * sysconf(Int32(_SC_PAGESIZE)) / (1024 * 1024)
    }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
