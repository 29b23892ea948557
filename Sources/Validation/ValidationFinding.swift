/// One problem found in an HTML file, located for an editor or a CI log.
///
/// `line` is 1-based. `column` is 1-based and counted in Unicode scalar values from the start of
/// the line (a multi-byte UTF-8 character counts once). For libxml2 parser errors the column is the
/// one libxml2 reports; for rule findings it is the position of the element's start tag
/// (`<` of `<img`) or of the offending attribute's name, found in the source (see
/// ``ReportValidator``). When no position can be found the column is 1.
public struct ValidationFinding: Sendable, Hashable, CustomStringConvertible {
    /// The file as the caller named it (not resolved or normalised).
    public var path: String
    public var line: Int
    public var column: Int
    /// Short stable rule name, e.g. `xml`, `html`, `external-reference`, `duplicate-id`.
    public var rule: String
    public var message: String

    public init(path: String, line: Int, column: Int, rule: String, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.message = message
    }

    /// `file:line:column: error: [rule] message`, the form compilers use, so editors can jump to it.
    public var description: String {
        "\(path):\(line):\(column): error: [\(rule)] \(message)"
    }
}
