/// Equal values of a column kept as one `String`: a plan, region, churn reason or survey
/// comment repeats over hundreds of thousands of rows, and each decoded copy longer than 15
/// UTF-8 bytes is a heap object of its own (shorter strings are stored inline, with nothing
/// on the heap, and are returned as they are). The first `limit` distinct long values are
/// remembered; once one more is met the column is not one of few values (e-mail addresses,
/// free comments) and from then on every value is kept as given, without a look-up. Values
/// never change: only their storage is shared.
struct SharedStrings: Sendable {
    /// Longest string Swift stores inline (no heap object) on 64-bit platforms.
    static let inlineBytes = 15
    private var cache: ByteKeyedCache<String>
    private let limit: Int
    private var remembered = 0
    /// Whether a long value beyond the first `limit` distinct ones was met.
    private var overflowed = false

    init(limit: Int = 4096) {
        self.limit = limit
        cache = ByteKeyedCache(limit: limit)
    }

    /// `text`, or the equal string met first.
    mutating func shared(_ text: String) -> String {
        guard text.utf8.count > Self.inlineBytes, !overflowed else { return text }
        var bytes = text
        var isNew = false
        let shared = bytes.withUTF8 { cache.value(for: $0) { _ in isNew = true; return text } }
        if isNew {
            if remembered == limit { overflowed = true } else { remembered += 1 }
        }
        return shared
    }

    mutating func shared(_ text: String?) -> String? {
        guard let text else { return nil }
        return shared(text)
    }
}
