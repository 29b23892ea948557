/// A customer's further attributes (column header → value), stored for millions of customers:
/// the header names in one array that every customer of a file shares, and only the values
/// per customer — the first inline, the others (if any) in one array. A `[String: String]`
/// per customer costs a hash table (about 140 bytes) each; this costs 32 bytes and nothing
/// on the heap for a file with one attribute column.
///
/// An empty value is no value: `"x": ""` is the same as no `"x"` (the loader never keeps an
/// empty cell, and every reader of attributes treats an empty value as missing). Equality and
/// hashing are those of the non-empty (name, value) pairs, whatever names are shared.
public struct CustomerAttributes: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// Attribute names in ascending order, no repeats: made once per file and shared.
    public struct Names: Sendable, Hashable {
        public let list: [String]

        public init(_ names: some Sequence<String>) { list = Set(names).sorted() }
    }

    /// Header names in ascending order, no repeats.
    public var names: [String] { shared.list }
    private let shared: Names
    /// The value of `names[0]` ("" for none, or when there are no names).
    private var first: String
    /// The values of `names[1...]`; empty (no allocation) when there is at most one name.
    private var rest: [String]

    /// No attributes.
    public init() {
        self.init(names: Names([])) { _ in "" }
    }

    /// The non-empty entries of `dictionary`.
    public init(_ dictionary: [String: String]) {
        let kept = dictionary.filter { !$0.value.isEmpty }
        let names = Names(kept.keys)
        self.init(names: names) { kept[names.list[$0]]! }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// `value(k)` for each `names.list[k]` ("" for none). Pass the same `names` for every
    /// customer of a file so that they share one list.
    public init(names: Names, value: (Int) -> String) {
        let count = names.list.count
        shared = names
        first = count > 0 ? value(0) : ""
        rest = count > 1 ? (1..<count).map(value) : []
    }

    /// The value of attribute `name`; nil when the customer has none (or an empty one).
    public subscript(name: String) -> String? {
        guard let k = names.firstIndex(of: name) else { return nil }
        let v = value(at: k)
        return v.isEmpty ? nil : v
    }

    /// True when no attribute has a value.
    public var isEmpty: Bool { first.isEmpty && rest.allSatisfy(\.isEmpty) }

    /// The (name, value) pairs with a value, by ascending name.
    public var entries: [(name: String, value: String)] {
        names.indices.compactMap { k in
            let v = value(at: k)
            return v.isEmpty ? nil : (names[k], v)
        }
    }

    /// The attributes as a dictionary (name → non-empty value).
    public var dictionary: [String: String] {
        var result = [String: String](minimumCapacity: names.count)
        for (name, value) in entries { result[name] = value }
        return result
    }

    private func value(at k: Int) -> String { k == 0 ? first : rest[k - 1] }

    /// The same attributes with each value `k` (of `names[k]`, "" for none) replaced by
    /// `share(k, value)`, which must return an equal string (one whose storage is shared).
    public func sharingValues(_ share: (Int, String) -> String) -> CustomerAttributes {
        var copy = self
        if !names.isEmpty, !first.isEmpty { copy.first = share(0, first) }
        for k in rest.indices where !rest[k].isEmpty { copy.rest[k] = share(k + 1, rest[k]) }
        return copy
    }

    public static func == (a: CustomerAttributes, b: CustomerAttributes) -> Bool {
        let x = a.entries, y = b.entries
        return x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        let pairs = entries
        hasher.combine(pairs.count)
        for (name, value) in pairs {
            hasher.combine(name)
            hasher.combine(value)
        }
    }
}
