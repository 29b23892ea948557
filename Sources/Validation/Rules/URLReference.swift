/// How a URL found in the document relates to the self-contained-file requirement.
enum URLReference: Equatable {
    /// Points inside the file or carries its content inline: `#fragment`, `data:image/…`,
    /// `mailto:` on a link, or nothing at all (empty).
    case local
    /// A `javascript:` URL (reported by the `javascript-url` rule, not as a reference).
    case javascript
    /// Anything that would make a browser fetch or open something outside the file.
    case external

    /// Classifies `value` as written in an attribute or CSS `url()`.
    /// Browsers drop leading/trailing whitespace and tab/newline characters inside URLs before
    /// reading the scheme, so `java\tscript:` counts as `javascript:` here too.
    /// `mailto:` is allowed only where `allowsMailto` (the `href` of `<a>` and `<area>`).
    static func classify(_ value: String, allowsMailto: Bool) -> URLReference {
        let url = String(String.UnicodeScalarView(value.trimmingASCIIWhitespace.unicodeScalars
            .filter { !["\t", "\n", "\r"].contains($0) }))
        if url.isEmpty || url.hasPrefix("#") { return .local }
        let lower = url.asciiLowercased
        if lower.hasPrefix("javascript:") { return .javascript }
        if lower.hasPrefix("data:image/") { return .local }
        if allowsMailto && lower.hasPrefix("mailto:") { return .local }
        return .external
    }

    /// True for a relative path that stays below the document's folder: no scheme, not
    /// starting with `/` or `\\`, no `..` segment, no backslash. E.g. `2026-W47/index.html`.
    static func isRelativePathBelow(_ value: String) -> Bool {
        let url = value.trimmingASCIIWhitespace
        guard !url.isEmpty, !url.hasPrefix("/"), !url.contains("\\") else { return false }
        let path = url.prefix { $0 != "?" && $0 != "#" }
        if path.prefix(while: { $0 != "/" }).contains(":") { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// An `http:` or `https:` URL (a web page a link may lead to).
    static func isWebPage(_ value: String) -> Bool {
        let lower = value.trimmingASCIIWhitespace.asciiLowercased
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// The file a relative link below the document's folder names: the path part (before `?`
    /// or `#`), percent-decoded, joined to the folder of `document`.
    static func filePath(of url: String, besides document: String) -> String {
        let path = url.trimmingASCIIWhitespace.prefix { $0 != "?" && $0 != "#" }
        let decoded = BrokenLinkRule.percentDecoded(String(path))
        guard let slash = document.lastIndex(of: "/") else { return decoded }
        return String(document[...slash]) + decoded
    }

    /// The URLs of a `srcset` value: each candidate is a run of non-whitespace (a trailing comma
    /// ends it) followed by optional descriptors up to the next comma — the candidate grammar of
    /// the HTML standard, so commas inside `data:` URLs do not split them.
    static func srcsetURLs(_ value: String) -> [String] {
        var urls: [String] = []
        let scalars = Array(value.unicodeScalars)
        let isSpace: (Unicode.Scalar) -> Bool = { [" ", "\t", "\n", "\u{0C}", "\r"].contains($0) }
        var index = 0
        while index < scalars.count {
            while index < scalars.count, isSpace(scalars[index]) || scalars[index] == "," { index += 1 }
            guard index < scalars.count else { break }
            var url = String.UnicodeScalarView()
            while index < scalars.count, !isSpace(scalars[index]) {
                url.append(scalars[index])
                index += 1
            }
            var text = String(url)
            if text.hasSuffix(",") {
                while text.hasSuffix(",") { text.removeLast() }
            } else {
                var depth = 0
                while index < scalars.count {
                    let scalar = scalars[index]
                    if scalar == "(" { depth += 1 }
                    if scalar == ")" { depth = max(0, depth - 1) }
                    if scalar == "," && depth == 0 { break }
                    index += 1
                }
            }
            if !text.isEmpty { urls.append(text) }
        }
        return urls
    }
}
