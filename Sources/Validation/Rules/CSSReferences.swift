/// The references a piece of CSS makes: every `url(…)` (quoted or not), every string inside
/// `image-set(…)` / `-webkit-image-set(…)` (strings there are URLs too), and every `@import`.
/// Plain scanning, not a CSS parser, after decoding CSS escapes (`u\72l(` and `\75rl(` are
/// `url(`, as a browser reads them); a `url(` inside a CSS comment is reported too
/// (conservative for a self-contained report).
struct CSSReferences: Equatable {
    var urls: [String] = []
    /// The strings of `image-set(…)` arguments (its `url(…)` arguments are in `urls`).
    var imageSetURLs: [String] = []
    /// The target of each `@import` (a string or `url(…)`), as written.
    var imports: [String] = []

    init(_ written: String) {
        let css = Self.unescaped(written)
        let scalars = Array(css.unicodeScalars)
        let lower = Array(css.asciiLowercased.unicodeScalars)
        var index = 0
        func matches(_ word: String, at position: Int) -> Bool {
            var position = position
            for scalar in word.unicodeScalars {
                guard position < lower.count, lower[position] == scalar else { return false }
                position += 1
            }
            return true
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
            } else if matches("image-set(", at: index) {
                // Collect the quoted strings up to the matching ")".
                var position = index + 10
                var depth = 1
                while position < scalars.count, depth > 0 {
                    let scalar = scalars[position]
                    if scalar == "(" { depth += 1 } else if scalar == ")" { depth -= 1 }
                    if scalar == "\"" || scalar == "'" {
                        var value = String.UnicodeScalarView()
                        position += 1
                        while position < scalars.count, scalars[position] != scalar {
                            value.append(scalars[position])
                            position += 1
                        }
                        imageSetURLs.append(String(value))
                    }
                    position += 1
                }
                index += 10
            } else if matches("url(", at: index), index == 0 || !CSSReferences.isNameScalar(lower[index - 1]) {
                var position = index
                urls.append(readURL(&position))
                index = position + 1
            } else {
                index += 1
            }
        }
    }

    /// Whether `css` may hold a reference: `url(` or `image-set(` once escapes are decoded.
    ///
    /// Asked of every attribute of a report, so the usual answer is found on the bytes: text
    /// without a backslash whose bytes hold neither word in any ASCII case cannot hold it as characters
    /// either (the words are ASCII, which no other text is canonically equivalent to). Text with
    /// an escape or a byte match is answered on its characters, as before.
    static func mayReference(_ css: String) -> Bool {
        var bytes = css
        let possible = bytes.withUTF8 { utf8 in
            utf8.contains(UInt8(ascii: "\\")) || containsASCIIWord(utf8, "url(") || containsASCIIWord(utf8, "image-set(")
        }
        guard possible else { return false }
        let lower = unescaped(css).asciiLowercased
        return lower.contains("url(") || lower.contains("image-set(")
    }

    /// Whether `utf8` holds `word` (lower-case ASCII) with its ASCII letters in any case.
    static func containsASCIIWord(_ utf8: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard utf8.count >= count else { return false }
        let pattern = UnsafeBufferPointer(start: word.utf8Start, count: count)
        let first = pattern[0]
        var start = 0
        while start + count <= utf8.count {
            if lowered(utf8[start]) == first {
                var k = 1
                while k < count, lowered(utf8[start + k]) == pattern[k] { k += 1 }
                if k == count { return true }
            }
            start += 1
        }
        return false
    }

    /// A byte with A–Z lower-cased.
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// CSS with its escapes decoded (CSS Syntax §4.3.7): `\` and 1–6 hex digits (plus one
    /// optional whitespace after them) is that code point (0, surrogates and values past
    /// U+10FFFF become U+FFFD); `\` before a line break is dropped; `\` before anything else is
    /// that character.
    static func unescaped(_ css: String) -> String {
        guard css.contains("\\") else { return css }
        let scalars = Array(css.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
            switch scalar {
            case "0"..."9": return scalar.value - 48
            case "a"..."f": return scalar.value - 87
            case "A"..."F": return scalar.value - 55
            default: return nil
            }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\\", index + 1 < scalars.count else {
                out.append(scalar)
                index += 1
                continue
            }
            index += 1
            var value: UInt32 = 0
            var digits = 0
            while digits < 6, index < scalars.count, let digit = hexValue(scalars[index]) {
                value = value * 16 + digit
                digits += 1
                index += 1
            }
            if digits > 0 {
                if index < scalars.count, [" ", "\t", "\n", "\r", "\u{0C}"].contains(scalars[index]) { index += 1 }
                out.append(value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}")
            } else if scalars[index] == "\n" || scalars[index] == "\r" || scalars[index] == "\u{0C}" {
                index += 1
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
    }
}
