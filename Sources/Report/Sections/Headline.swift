import Mustache

/// One sentence at the top of the report, written from the numbers by a rule.
public struct Headline: Sendable, Equatable {
    /// `good`, `bad` or `neutral`: how the template may colour it.
    public var tone: String
    public var text: String

    public init(tone: String, text: String) {
        self.tone = tone
        self.text = text
    }

    var context: MustacheValue { .object(["tone": .string(tone), "text": .string(text)]) }
}
