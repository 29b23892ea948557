import MarkupText

extension ReportValidator {
    /// The findings as a JSON array for `validate --json`.
    ///
    /// Deterministic: findings keep the given order, every object has the keys `path`, `line`,
    /// `column`, `rule`, `message` in that order, one object per line, strings written by
    /// ``MarkupText/jsonString(_:)`` (RFC 8259 escapes; controls replaced, bidi controls removed).
    /// No findings gives `[]`. The result ends without a newline.
    public static func json(_ findings: [ValidationFinding]) -> String {
        if findings.isEmpty { return "[]" }
        var out = "[\n"
        for (index, finding) in findings.enumerated() {
            out += "  {\"path\": \(MarkupText.jsonString(finding.path)), \"line\": \(finding.line), "
            out += "\"column\": \(finding.column), \"rule\": \(MarkupText.jsonString(finding.rule)), "
            out += "\"message\": \(MarkupText.jsonString(finding.message))}"
            out += index == findings.count - 1 ? "\n" : ",\n"
        }
        out += "]"
        return out
    }
}
