/// A customer's further attributes (column header → value), stored for millions of customers:
/// the values of a file's customers in one `Table` — the header names once, every value's
/// UTF-8 bytes one after another in one byte array, and where each value ends — and per
/// customer only the table and its row (12 bytes, nothing on the heap of its own). A
/// `[String: String]` per customer costs a hash table (about 140 bytes) each; a `String` per
/// value costs a heap object (about 80 bytes with its header) whenever it is longer than 15
/// UTF-8 bytes, as nearly every e-mail address is.
///
/// Values are read back as `String`s made from the bytes on each read (for a value of at
/// most 15 bytes, with nothing allocated): read them per customer, not per order.
///
/// An empty value is no value: `"x": ""` is the same as no `"x"` (the loader never keeps an
/// empty cell, and every reader of attributes treats an empty value as missing). Equality and
/// hashing are those of the non-empty (name, value) pairs, whatever names or tables are shared.
public struct CustomerAttributes: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// Attribute names in ascending order, no repeats: made once per file and shared.
    public struct Names: Sendable, Hashable {
        public let list: [String]

        public init(_ names: some Sequence<String>) { list = Set(names).sorted() }
    }

    /// The values of some customers under one name list, immutable once made (`Builder`).
    /// Value `k` of row `r` is `bytes[start ..< ends[r × n + k]]` with `n = names.count`, where
    /// `start` is the end of the value before it (0 for the first).
    public final class Table: Sendable {
        public let names: Names
        let bytes: [UInt8]
        let ends: [UInt32]

        init(names: Names, bytes: [UInt8], ends: [UInt32]) {
            self.names = names
            self.bytes = bytes
            self.ends = ends
        }

        /// The number of rows (customers).
        public var rowCount: Int { names.list.isEmpty ? 0 : ends.count / names.list.count }

        /// The one table of customers without attributes.
        static let none = Table(names: Names([]), bytes: [], ends: [])

        func value(row: Int, _ k: Int) -> String {
            let i = row * names.list.count + k
            let start = i == 0 ? 0 : Int(ends[i - 1])
            return bytes.withUnsafeBufferPointer { b in
                String(decoding: UnsafeBufferPointer(rebasing: b[start..<Int(ends[i])]), as: UTF8.self)
            }
        }

        func isEmpty(row: Int, _ k: Int) -> Bool {
            let i = row * names.list.count + k
            return (i == 0 ? 0 : ends[i - 1]) == ends[i]
        }
    }

    /// Writes the values of customers, row by row, into tables: `append` each value of a row
    /// in the order of `names.list`, then `endRow`. A table holds at most 2 GiB of values (its
    /// ends are 32-bit): past that, the rows that follow go into a new one.
    public struct Builder {
        public let names: Names
        private var bytes: [UInt8] = []
        private var ends: [UInt32] = []
        private var tables: [Table] = []
        private var rowsBefore = 0
        private static let tableBytes = 1 << 31

        public init(names: Names) { self.names = names }

        /// Makes room for `rows` rows.
        public mutating func reserve(rows: Int) { ends.reserveCapacity(ends.count + rows * names.list.count) }

        /// Adds the next value of the current row (empty for none): UTF-8 bytes.
        public mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
            bytes.append(contentsOf: value)
            // A single row's values over 2 GiB would need a customers file larger than that
            // in one row; the table then stops at the row before (see `endRow`).
            ends.append(UInt32(bytes.count))
        }

        /// Adds the next value of the current row.
        public mutating func append(_ value: String) {
            var text = value
            text.withUTF8 { append($0) }
        }

        /// Ends the current row (every name given a value).
        public mutating func endRow() {
            if bytes.count >= Self.tableBytes { closeTable() }
        }

        private mutating func closeTable() {
            guard !ends.isEmpty else { return }
            // Kept for the whole run: without the slack of growth (a copy if over 1/8).
            if bytes.capacity - bytes.count > bytes.count / 8 { bytes = Array(bytes) }
            if ends.capacity - ends.count > ends.count / 8 { ends = Array(ends) }
            let table = Table(names: names, bytes: bytes, ends: ends)
            rowsBefore += table.rowCount
            tables.append(table)
            (bytes, ends) = ([], [])
        }

        /// Calls `body` with each row (0 = the first appended) and its attributes, in order.
        public consuming func finish(_ body: (Int, CustomerAttributes) -> Void) {
            closeTable()
            var row = 0
            for table in tables {
                for r in 0..<table.rowCount {
                    body(row, CustomerAttributes(table: table, row: r))
                    row += 1
                }
            }
        }
    }

    let table: Table
    let row: UInt32

    private init(table: Table, row: Int) {
        self.table = table
        self.row = UInt32(row)
    }

    /// True when `self` and `other` are rows of one table (one file's customers).
    public func sharesTable(with other: CustomerAttributes) -> Bool { table === other.table }

    /// Header names in ascending order, no repeats.
    public var names: [String] { table.names.list }

    /// No attributes.
    public init() { self.init(table: .none, row: 0) }

    /// The non-empty entries of `dictionary`.
    public init(_ dictionary: [String: String]) {
        let kept = dictionary.filter { !$0.value.isEmpty }
        guard !kept.isEmpty else { self.init(); return }
        let names = Names(kept.keys)
        self.init(names: names) { kept[names.list[$0]]! }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// `value(k)` for each `names.list[k]` ("" for none), in a table of its own: customers
    /// of a file share one through `Builder`.
    public init(names: Names, value: (Int) -> String) {
        guard !names.list.isEmpty else { self.init(); return }
        var builder = Builder(names: names)
        for k in names.list.indices { builder.append(value(k)) }
        builder.endRow()
        var made = CustomerAttributes()
        builder.finish { _, attributes in made = attributes }
        self = made
    }

    /// Where attribute `name` is in `names` (nil: not there): a position for
    /// `withValue(at:_:)`, the same for every customer that `sharesTable(with:)` this one.
    public func position(of name: String) -> Int? { names.firstIndex(of: name) }

    /// Calls `body` with the UTF-8 bytes of the value at `position` of `names` (empty when the
    /// customer has none), read in place.
    public func withValue<R>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        precondition(position >= 0 && position < table.names.list.count, "a position of the attribute names")
        let i = Int(row) * table.names.list.count + position
        let start = i == 0 ? 0 : Int(table.ends[i - 1]), end = Int(table.ends[i])
        return table.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The value of attribute `name`; nil when the customer has none (or an empty one).
    public subscript(name: String) -> String? {
        guard let k = names.firstIndex(of: name), !table.isEmpty(row: Int(row), k) else { return nil }
        return table.value(row: Int(row), k)
    }

    /// True when no attribute has a value.
    public var isEmpty: Bool { names.indices.allSatisfy { table.isEmpty(row: Int(row), $0) } }

    /// The (name, value) pairs with a value, by ascending name.
    public var entries: [(name: String, value: String)] {
        names.indices.compactMap { k in
            table.isEmpty(row: Int(row), k) ? nil : (names[k], table.value(row: Int(row), k))
        }
    }

    /// The attributes as a dictionary (name → non-empty value).
    public var dictionary: [String: String] {
        var result = [String: String](minimumCapacity: names.count)
        for (name, value) in entries { result[name] = value }
        return result
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
