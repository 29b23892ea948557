/// A destination for one JSON document written in document order, value by value: the text
/// writer (``JSONTextWriter``) turns the calls into bytes as they come, the tree builder
/// (``JSONTreeBuilder``) into a ``MustacheValue``. A document written once against this
/// protocol therefore has one definition whether it is streamed to a file or kept as a value.
///
/// Calls must form one well-nested value: `beginObject`, then for each member `key` followed by
/// one value, then `endObject`; `beginList`, values, `endList`. An object's members must be
/// written in the order of their keys' UTF-8 bytes (what ``MustacheValue/jsonText(pretty:)``
/// sorts them into), so the text of a streamed object and of the same object as a value agree.
public protocol JSONOutput {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginList()
    mutating func endList()
    /// The name of the next member of the open object.
    mutating func key(_ name: String)
    mutating func string(_ text: String)
    mutating func int(_ value: Int)
    /// A non-finite double is written as `null`.
    mutating func double(_ value: Double)
    mutating func bool(_ value: Bool)
    mutating func null()
    /// A whole value (its object members in key order).
    mutating func value(_ value: MustacheValue)
}

extension JSONOutput {
    /// An object whose members `body` writes.
    public mutating func object(_ body: (inout Self) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }

    /// A list whose items `body` writes.
    public mutating func list(_ body: (inout Self) -> Void) {
        beginList()
        body(&self)
        endList()
    }

    /// `double`, or `null` when the value is missing or not finite.
    public mutating func number(_ value: Double?) {
        if let value, value.isFinite { double(value) } else { null() }
    }

    /// `string`, or `null` when the value is missing.
    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// `int`, or `null` when the value is missing.
    public mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }
}
