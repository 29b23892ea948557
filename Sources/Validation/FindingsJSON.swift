extension ReportValidator {
    /// The findings as a JSON array for `validate --json`.
    ///
    /// Deterministic: findings keep the given order, every object has the keys `path`, `line`,
    /// `column`, `rule`, `message` in that order, one object per line, strings escaped per
    /// RFC 8259 (`"`, `\`, and control characters; everything else is written as UTF-8).
    /// No findings gives `[]`. The result ends without a newline.
    public static func json(_ findings: [ValidationFinding]) -> String {
        if findings.isEmpty { return "[]" }
        var out = "[\n"
        for (index, finding) in findings.enumerated() {
            out += "  {\"path\": \(jsonString(finding.path)), \"line\": \(finding.line), "
            out += "\"column\": \(finding.column), \"rule\": \(jsonString(finding.rule)), "
            out += "\"message\": \(jsonString(finding.message))}"
            out += index == findings.count - 1 ? "\n" : ",\n"
        }
        out += "]"
        return out
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
