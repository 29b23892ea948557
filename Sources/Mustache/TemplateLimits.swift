/// The most work one rendering may do, so that no template (a user's, or a hostile one) can
/// hang the tool or exhaust memory. Documented in the README (Templates → Limits).
///
/// - `maximumSteps`: nodes visited — each piece of text, tag, section repetition and partial
///   expansion counts one. Default 20 million: the sample report takes 10 955 steps with 300
///   customers and 10 949 with 3 000 (its size follows the periods shown, not the customers);
///   a daily cohort grid of 1 000 × 1 000 cells stays under it.
/// - `maximumOutputBytes`: UTF-8 bytes of output. Default 256 MiB: the sample report is
///   202 KB (300 customers) to 345 KB (3 000 customers).
/// The error names the template rendered and the innermost partial being expanded.
public struct TemplateLimits: Sendable, Equatable {
    public var maximumSteps: Int
    public var maximumOutputBytes: Int

    public init(maximumSteps: Int, maximumOutputBytes: Int) {
        self.maximumSteps = maximumSteps
        self.maximumOutputBytes = maximumOutputBytes
    }

    public static let standard = TemplateLimits(maximumSteps: 20_000_000, maximumOutputBytes: 256 << 20)

    /// Which limit was reached.
    public enum Kind: Sendable, Equatable, CustomStringConvertible {
        case steps(Int)
        case outputBytes(Int)

        public var description: String {
            switch self {
            case .steps(let limit): "more than \(limit) steps of work (the limit)"
            case .outputBytes(let limit): "output larger than \(limit) bytes (the limit)"
            }
        }
    }
}
