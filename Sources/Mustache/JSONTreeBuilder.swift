/// Builds the ``MustacheValue`` of a JSON document written through ``JSONOutput`` (for code
/// that reads the document back, such as a comparison with an earlier report).
public struct JSONTreeBuilder: JSONOutput {
    /// The open containers, innermost last: objects (with the key of their next member) and
    /// lists, each kept in its own stack so a value is added in place.
    private var isObject: [Bool] = []
    private var objects: [[String: MustacheValue]] = []
    private var keys: [String?] = []
    private var lists: [[MustacheValue]] = []
    /// The finished document (nil until its outermost value is complete).
    public private(set) var result: MustacheValue?

    public init() {}

    public mutating func beginObject() {
        isObject.append(true)
        objects.append([:])
        keys.append(nil)
    }

    public mutating func beginList() {
        isObject.append(false)
        lists.append([])
    }

    public mutating func endObject() {
        precondition(isObject.popLast() == true, "endObject without an open object")
        keys.removeLast()
        add(.object(objects.removeLast()))
    }

    public mutating func endList() {
        precondition(isObject.popLast() == false, "endList without an open list")
        add(.list(lists.removeLast()))
    }

    public mutating func key(_ name: String) {
        precondition(isObject.last == true, "key outside an object")
        keys[keys.count - 1] = name
    }

    public mutating func string(_ text: String) { add(.string(text)) }
    public mutating func int(_ value: Int) { add(.int(value)) }
    public mutating func double(_ value: Double) { add(value.isFinite ? .double(value) : .null) }
    public mutating func bool(_ value: Bool) { add(.bool(value)) }
    public mutating func null() { add(.null) }
    public mutating func value(_ value: MustacheValue) { add(value) }

    private mutating func add(_ value: MustacheValue) {
        guard let inObject = isObject.last else {
            result = value
            return
        }
        if inObject {
            guard let key = keys[keys.count - 1] else { preconditionFailure("object member without a key") }
            objects[objects.count - 1][key] = value
            keys[keys.count - 1] = nil
        } else {
            lists[lists.count - 1].append(value)
        }
    }
}
