import MarkupText

extension MustacheValue {
    /// The value as JSON text, byte-for-byte deterministic for equal values.
    ///
    /// Object keys are sorted by their UTF-8 bytes. Integers print as digits; doubles in their
    /// shortest round-tripping form, always with a `.` or an exponent (`1.0`, `1.21`, `1e+21`) so
    /// reading the text back gives the same case; non-finite doubles (which JSON cannot hold)
    /// print as `null`. Strings are written by ``MarkupText/appendJSONString(_:to:)``: `"`, `\`,
    /// `\n`, `\r`, `\t` escaped, other controls replaced by U+FFFD, bidi controls removed.
    /// Pretty output indents by two spaces, puts one member per line and writes `"key": value`;
    /// compact output has no whitespace at all. Neither ends with a newline.
    public func jsonText(pretty: Bool = true) -> String {
        var output = ""
        writeJSON(into: &output, pretty: pretty, indent: 0)
        return output
    }

    private func writeJSON(into output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .int(let value):
            output += String(value)
        case .double(let value):
            output += value.isFinite ? String(describing: value) : "null"
        case .string(let text):
            MarkupText.appendJSONString(text, to: &output)
        case .list(let items):
            if items.isEmpty {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                if pretty { Self.newline(into: &output, indent: indent + 1) }
                item.writeJSON(into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(into: &output, indent: indent) }
            output += "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                if pretty { Self.newline(into: &output, indent: indent + 1) }
                MarkupText.appendJSONString(key, to: &output)
                output += pretty ? ": " : ":"
                members[key, default: .null].writeJSON(into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(into: &output, indent: indent) }
            output += "}"
        }
    }

    private static func newline(into output: inout String, indent: Int) {
        output += "\n"
        output += String(repeating: "  ", count: indent)
    }
}
