enum HTMLEscaping {
    /// Appends `text` to `output` with `& < > " '` replaced by `&amp; &lt; &gt; &quot; &#39;`,
    /// which makes it safe in HTML text and in single- or double-quoted attribute values.
    static func append(_ text: String, escapedTo output: inout String) {
        let needsEscaping = text.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        guard needsEscaping else {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
