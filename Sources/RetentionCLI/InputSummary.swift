import Model

/// One standard-error line per file of an input folder: what it was read as and how many of
/// its rows were used, excluded by a product rule or unreadable; or why it was not used.
enum InputSummary {
    static func lines(_ dataset: Dataset) -> [String] {
        var lines: [String] = []
        for input in dataset.inputs {
            var counts = "\(input.rowsRead) row\(input.rowsRead == 1 ? "" : "s"), \(input.rowsUsed) used"
            if input.rowsExcluded > 0 { counts += ", \(input.rowsExcluded) excluded by rule" }
            if input.rowsUnreadable > 0 { counts += ", \(input.rowsUnreadable) unreadable" }
            let source = input.source.isEmpty ? "" : " (\(input.source))"
            lines.append("\(input.path): note: read as \(input.entity)\(source): \(counts)")
        }
        for file in dataset.notUsed {
            lines.append("\(file.path): warning: not used: \(file.reason)")
        }
        return lines
    }
}
