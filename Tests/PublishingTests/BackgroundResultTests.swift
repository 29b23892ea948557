import Dispatch
import Testing
@testable import Publishing

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

    /// A failing job's error comes back through `wait()`.
    @Test func aJobsResultIsReturnedAsIs() {
        let job = BackgroundResult { () -> Result<String, PublishingError> in
            .failure(.cannotWrite(path: "/x/.r.partial", failure: SystemFailure(code: 28)))
        }
        guard case .failure(.cannotWrite(let path, let failure)) = job.wait() else {
            Issue.record("expected the job's failure")
            return
        }
        #expect(path == "/x/.r.partial" && failure.code == 28)
    }
}
