/// The references a piece of CSS makes: every `url(…)` (quoted or not) and every `@import`.
/// Plain scanning, not a CSS parser: escapes such as `u\72l(` are not decoded, and a `url(`
/// inside a CSS comment is reported too (conservative for a self-contained report).
struct CSSReferences: Equatable {
    var urls: [String] = []
    /// The target of each `@import` (a string or `url(…)`), as written.
    var imports: [String] = []

    init(_ css: String) {
        let scalars = Array(css.unicodeScalars)
        let lower = Array(css.asciiLowercased.unicodeScalars)
        var index = 0
        func matches(_ word: String, at position: Int) -> Bool {
            let pattern = Array(word.unicodeScalars)
            guard position + pattern.count <= lower.count else { return false }
            return Array(lower[position..<position + pattern.count]) == pattern
        }
        func skipSpace(_ position: inout Int) {
            while position < scalars.count, [" ", "\t", "\n", "\r", "\u{0C}"].contains(scalars[position]) {
                position += 1
            }
        }
        /// Reads `url(…)` starting at `position` (pointing at `u`).
        func readURL(_ position: inout Int) -> String {
            position += 4
            skipSpace(&position)
            var value = String.UnicodeScalarView()
            if position < scalars.count, scalars[position] == "\"" || scalars[position] == "'" {
                let quote = scalars[position]
                position += 1
                while position < scalars.count, scalars[position] != quote {
                    value.append(scalars[position])
                    position += 1
                }
                while position < scalars.count, scalars[position] != ")" { position += 1 }
            } else {
                while position < scalars.count, scalars[position] != ")" {
                    value.append(scalars[position])
                    position += 1
                }
            }
            return String(value).trimmingASCIIWhitespace
        }
        while index < scalars.count {
            if matches("@import", at: index) {
                var position = index + 7
                skipSpace(&position)
                var target = ""
                if matches("url(", at: position) {
                    target = readURL(&position)
                } else if position < scalars.count, scalars[position] == "\"" || scalars[position] == "'" {
                    let quote = scalars[position]
                    position += 1
                    var value = String.UnicodeScalarView()
                    while position < scalars.count, scalars[position] != quote {
                        value.append(scalars[position])
                        position += 1
                    }
                    target = String(value)
                }
                imports.append(target)
                index = position + 1
            } else if matches("url(", at: index), index == 0 || !CSSReferences.isNameScalar(lower[index - 1]) {
                var position = index
                urls.append(readURL(&position))
                index = position + 1
            } else {
                index += 1
            }
        }
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
    }
}
