import Foundation
@testable import Metrics

/// The CDNOW 1/10 sample (Fixtures/cdnow-sample-summary.csv, see Fixtures/README.md).
enum CDNOWReference {
    static let histories: [PurchaseHistory] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cdnow-sample-summary.csv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",")
            return PurchaseHistory(x: Int(f[1])!, txDays: Int(f[2])!, tDays: Int(f[3])!, repeatSpend: Double(f[4])!)
        }
    }()
}
