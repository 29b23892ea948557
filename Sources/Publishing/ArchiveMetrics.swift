/// What the archive index shows for one published period, read from its `metrics.json`.
///
/// The contract for `metrics.json` (written by the Report stage; other keys are ignored):
/// ```json
/// {
///   "title": "Acme retention report",
///   "as_of": "2026-11-22",
///   "headline": { "Active customers": "1,204", "MRR": "$84,120" }
/// }
/// ```
/// - `title`: non-empty string, the report's title.
/// - `as_of`: the as-of day as `yyyy-MM-dd`; the index sorts newest first by it.
/// - `headline`: object of KPI label → preformatted display string, shown in file order.
///   A JSON number is accepted and shown as written.
struct ArchiveMetrics: Sendable, Equatable {
    var title: String
    var asOf: String
    var headline: [(label: String, value: String)]

    static func == (lhs: ArchiveMetrics, rhs: ArchiveMetrics) -> Bool {
        lhs.title == rhs.title && lhs.asOf == rhs.asOf
            && lhs.headline.map(\.label) == rhs.headline.map(\.label)
            && lhs.headline.map(\.value) == rhs.headline.map(\.value)
    }

    /// Reads the contract above; the error text says which key is wrong.
    static func read(_ bytes: [UInt8]) throws(JSONReader.Failure) -> ArchiveMetrics {
        let json = try JSONReader.parse(bytes)
        guard case .object = json else { throw JSONReader.Failure(message: "expected a JSON object at the top level") }
        guard case .string(let title)? = json["title"], !title.isEmpty else {
            throw JSONReader.Failure(message: "\"title\" must be a non-empty string")
        }
        guard case .string(let asOf)? = json["as_of"], isISODay(asOf) else {
            throw JSONReader.Failure(message: "\"as_of\" must be a day written yyyy-MM-dd")
        }
        guard case .object(let members)? = json["headline"] else {
            throw JSONReader.Failure(message: "\"headline\" must be an object of label → preformatted value")
        }
        var headline: [(label: String, value: String)] = []
        for (label, value) in members {
            switch value {
            case .string(let text), .number(let text): headline.append((label, text))
            default: throw JSONReader.Failure(message: "\"headline\".\"\(label)\" must be a string")
            }
        }
        return ArchiveMetrics(title: title, asOf: asOf, headline: headline)
    }

    static func isISODay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (48...57).contains(bytes[$0]) }
        guard digits, let month = Int(text.dropFirst(5).prefix(2)), let day = Int(text.suffix(2)) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
