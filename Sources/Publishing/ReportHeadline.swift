/// One headline KPI: its label and its value, already formatted for display ("$84,120").
public struct HeadlineFigure: Sendable, Hashable {
    public var label: String
    public var value: String

    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// A report's title, as-of day and headline KPIs, read from its `metrics.json`; shown by the
/// archive index and in the e-mail body.
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
/// - `as_of`: the as-of day as `yyyy-MM-dd`; the archive sorts newest first by it.
/// - `headline`: object of KPI label → preformatted display string, kept in file order.
///   A JSON number is accepted and shown as written.
public struct ReportHeadline: Sendable, Hashable {
    public var title: String
    public var asOf: String
    public var figures: [HeadlineFigure]

    public init(title: String, asOf: String, figures: [HeadlineFigure]) {
        self.title = title
        self.asOf = asOf
        self.figures = figures
    }

    /// Reads the contract above from `metricsJSON`; errors name `path` and the wrong key
    /// (or the line:column of a JSON syntax error).
    public init(metricsJSON: [UInt8], path: String) throws(PublishingError) {
        do {
            self = try Self.read(metricsJSON)
        } catch {
            throw .invalidMetrics(path: path, reason: error.message)
        }
    }

    static func read(_ bytes: [UInt8]) throws(JSONReader.Failure) -> ReportHeadline {
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
        var figures: [HeadlineFigure] = []
        for (label, value) in members {
            switch value {
            case .string(let text), .number(let text): figures.append(HeadlineFigure(label: label, value: text))
            default: throw JSONReader.Failure(message: "\"headline\".\"\(label)\" must be a string")
            }
        }
        return ReportHeadline(title: title, asOf: asOf, figures: figures)
    }

    static func isISODay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (48...57).contains(bytes[$0]) }
        guard digits, let month = Int(text.dropFirst(5).prefix(2)), let day = Int(text.suffix(2)) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
