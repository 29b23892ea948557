import Dispatch
import Testing
import BackgroundWork

@Suite struct BackgroundResultTests {
    /// The job runs while the caller goes on: it waits for a signal the caller gives only after
    /// starting it (a job run in `init` would time out and return false), and `wait()` returns
    /// its result.
    @Test func theJobRunsWhileTheCallerGoesOn() {
        let go = DispatchSemaphore(value: 0)
        let job = BackgroundResult { () -> Bool in go.wait(timeout: .now() + 10) == .success }
        go.signal()
        #expect(job.wait() == true)
    }

    /// A failing job's error comes back through `wait()`, on the shared pool or on a queue of
    /// the caller's.
    @Test func aJobsResultIsReturnedAsIs() {
        struct DiskFull: Error, Equatable { let path: String }
        for queue in [DispatchQueue.global(qos: .userInitiated), DispatchQueue(label: "test.own")] {
            let job = BackgroundResult(on: queue) { () -> Result<String, DiskFull> in .failure(DiskFull(path: "/x/.r.partial")) }
            #expect(job.wait() == .failure(DiskFull(path: "/x/.r.partial")))
        }
    }
}
