/// The data a template is rendered against: the JSON data model, nothing more.
///
/// Templates hold no code, so there are no lambdas or objects with methods: a context is
/// plain data, built in Swift (the literal conformances make that short) or read from JSON
/// with ``init(jsonData:)``.
public indirect enum MustacheValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([MustacheValue])
    case object([String: MustacheValue])
}

extension MustacheValue {
    /// Whether a section `{{#x}}` renders (and an inverted section `{{^x}}` does not).
    ///
    /// Falsey: `null` (and a missing name), `false`, the empty list and the empty string.
    /// Everything else is truthy, including `0`, `0.0` and the empty object. The spec only
    /// fixes `false`, null and the empty list; the empty string is falsey here because a
    /// report template writes `{{#comment}}…{{/comment}}` to hide blank fields, while a count
    /// of zero is a real number that must still show.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .int, .double, .object: true
        case .string(let text): !text.isEmpty
        case .list(let items): !items.isEmpty
        }
    }

    /// The text an interpolation tag `{{x}}` writes, before HTML escaping.
    ///
    /// `null` is empty; integers print without a fraction; a double prints in its shortest
    /// round-tripping form (`1.21` → `1.21`, `1.210` → `1.21`), without `.0` when integral and
    /// below 10^15 in magnitude (`2.0` → `2`). Lists and objects print as compact JSON, which
    /// is deterministic but rarely what a template wants.
    public var interpolationText: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.plainNumberText(value)
        case .string(let text): text
        case .list, .object: jsonText(pretty: false)
        }
    }

    static func plainNumberText(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(describing: value)
    }
}

extension MustacheValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension MustacheValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension MustacheValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension MustacheValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension MustacheValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension MustacheValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: MustacheValue...) { self = .list(elements) }
}

extension MustacheValue: ExpressibleByDictionaryLiteral {
    /// A repeated key keeps its last value, as in JSON.
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
