import Foundation
import Testing
@testable import RetentionCLI

/// The command line's own reads (configurations, previous metrics, contexts) name the path and say why.
@Suite struct FilesTests {
    func failure(reading path: String) -> (message: String, status: RetentionCLI.ExitStatus)? {
        do {
            _ = try Files.read(path)
            return nil
        } catch let failure as CommandFailure {
            return (failure.message, failure.status)
        } catch {
            return ("\(error)", .success)
        }
    }

    /// ENOENT, recognised by its errno, is worded "no such file" rather than the system's text.
    @Test func aMissingFileIsNoSuchFile() {
        let path = NSTemporaryDirectory() + "retention-missing-\(UUID().uuidString).json"
        let result = failure(reading: path)
        #expect(result?.message == "\(path): error: no such file")
        #expect(result?.status == .inputError)
    }

    /// Any other failure keeps the reader's wording.
    @Test func aFolderIsNotARegularFile() {
        let path = NSTemporaryDirectory()
        #expect(failure(reading: path)?.message == "\(path): error: it is a directory, not a regular file")
    }
}
