import Foundation
import Model
@testable import Ingest

/// Writes fixture files into a fresh directory per test (named after the test, so parallel
/// tests never share one).
struct FixtureDirectory {
    let path: String

    init(_ name: String = #function) {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        path = NSTemporaryDirectory() + "retention-ingest-tests-\(getpid())/" + safe
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }
}

func accounting(_ dataset: Dataset, _ entity: String) -> InputAccounting? {
    dataset.inputs.first { $0.entity == entity }
}

func skipCount(_ a: InputAccounting?, _ reason: String) -> Int {
    a?.skipped.first { $0.reason == reason }?.count ?? 0
}

/// The invariant every file must satisfy.
func balanced(_ a: InputAccounting) -> Bool {
    a.rowsRead == a.rowsUsed + a.rowsSkipped
}

func loadError(_ files: InputFiles, _ options: IngestOptions = IngestOptions()) -> String? {
    do { _ = try DatasetLoader.load(files, options: options); return nil } catch { return error.description }
}

/// The headers `retention sample` writes (see BRIEF.md).
enum SampleHeaders {
    static let customers = "Customer ID,Company Name,Created Date,Plan,Segment,Region,Acquisition Channel,Account Owner,Status,Cancellation Date,Churn Reason,Churn Type,Last Login"
    static let subscriptions = "Subscription ID,Customer ID,Plan,Billing Interval,Amount,Currency,Start Date,Canceled At,Status"
    static let invoices = "Invoice ID,Customer ID,Date,Amount,Currency,Status"
    static let surveys = "Response ID,Customer ID,Submitted At,Survey,Score,Comment"
    static let tickets = "Ticket ID,Customer ID,Created At,First Response At,Solved At,Priority,Status"
}
