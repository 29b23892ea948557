/// Equal values of a column kept as one `String`: a plan, region, churn reason or survey
/// comment repeats over hundreds of thousands of rows, and each decoded copy longer than 15
/// UTF-8 bytes is a heap object of its own (shorter strings are stored inline, with nothing
/// on the heap, and are returned as they are). The first `limit` distinct long values are
/// remembered; later ones are kept as given. Values never change: only their storage is shared.
struct SharedStrings: Sendable {
    /// Longest string Swift stores inline (no heap object) on 64-bit platforms.
    static let inlineBytes = 15
    private var cache: ByteKeyedCache<String>

    init(limit: Int = 4096) { cache = ByteKeyedCache(limit: limit) }

    /// `text`, or the equal string met first.
    mutating func shared(_ text: String) -> String {
        guard text.utf8.count > Self.inlineBytes else { return text }
        var bytes = text
        return bytes.withUTF8 { cache.value(for: $0) { _ in text } }
    }

    mutating func shared(_ text: String?) -> String? {
        guard let text else { return nil }
        return shared(text)
    }
}
