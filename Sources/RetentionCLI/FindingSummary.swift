import Validation

/// Validation findings for standard error: at most `examplesPerRule` per rule, in order, then
/// one line per rule with the count of the rest.
enum FindingSummary {
    static let examplesPerRule = 3

    static func lines(_ findings: [ValidationFinding]) -> [String] {
        var shown: [String: Int] = [:]
        var rules: [String] = []
        var lines: [String] = []
        for finding in findings {
            if shown[finding.rule] == nil { rules.append(finding.rule) }
            let n = shown[finding.rule, default: 0]
            shown[finding.rule] = n + 1
            if n < examplesPerRule { lines.append(finding.description) }
        }
        for rule in rules where shown[rule]! > examplesPerRule {
            let more = shown[rule]! - examplesPerRule
            lines.append("… and \(more) more [\(rule)] finding\(more == 1 ? "" : "s")")
        }
        return lines
    }
}
