/// A customer's seven descriptive texts (plan, segment, region, channel, owner, status, churn
/// reason) held in one immutable object: customers with the same seven values can share it
/// (`CustomerTraits.Table`), so that a customer holds one reference (8 bytes) instead of seven
/// optional strings (112 bytes). A file of half a million customers has a few thousand
/// distinct combinations at most; 500 k × 104 bytes = 52 MB saved.
///
/// A value type: changing a trait of one customer gives it a new object, never changes another's.
public struct CustomerTraits: Sendable, Hashable {
    /// The seven values (nil: not given).
    public struct Values: Sendable, Hashable {
        public var plan: String?
        public var segment: String?
        public var region: String?
        public var channel: String?
        public var owner: String?
        public var status: String?
        public var churnReason: String?

        public init(plan: String? = nil, segment: String? = nil, region: String? = nil, channel: String? = nil,
                    owner: String? = nil, status: String? = nil, churnReason: String? = nil) {
            (self.plan, self.segment, self.region, self.channel) = (plan, segment, region, channel)
            (self.owner, self.status, self.churnReason) = (owner, status, churnReason)
        }

        var isEmpty: Bool {
            plan == nil && segment == nil && region == nil && channel == nil && owner == nil && status == nil
                && churnReason == nil
        }
    }

    final class Storage: Sendable {
        let values: Values
        init(_ values: Values) { self.values = values }
    }

    private var storage: Storage

    /// The one object of customers without any of the seven values.
    private static let none = Storage(Values())

    public init(_ values: Values) {
        storage = values.isEmpty ? Self.none : Storage(values)
    }

    /// The seven values; setting them gives this customer a new object.
    public var values: Values {
        get { storage.values }
        set { storage = newValue.isEmpty ? Self.none : Storage(newValue) }
    }

    /// True when `self` and `other` hold the same object (equal values, one copy in memory).
    public func sharesStorage(with other: CustomerTraits) -> Bool { storage === other.storage }

    /// The object holding the values: equal for traits that share it (`sharesStorage(with:)`),
    /// so it can key what is worked out once per combination of values.
    public var storageIdentity: ObjectIdentifier { ObjectIdentifier(storage) }

    public static func == (a: CustomerTraits, b: CustomerTraits) -> Bool {
        a.storage === b.storage || a.storage.values == b.storage.values
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.values) }

    /// The seven values' hash (`Values.hashValue`): what `Table` files the traits under. Worked
    /// out where the customer is made (on any thread of the process), so that the thread that
    /// shares the traits only compares them.
    public var valuesHash: Int { storage.values.hashValue }

    /// Equal traits made one object: the first `limit` distinct combinations are remembered;
    /// once one more is met, traits are kept as given (a column of unique values, such as a
    /// free-text status, would make every combination distinct).
    public struct Table: Sendable {
        private var known: [Key: CustomerTraits] = [:]
        private let limit: Int
        private var overflowed = false

        /// Traits' values filed under their hash (`valuesHash`), given with them.
        private struct Key: Hashable, Sendable {
            let values: Values
            let hash: Int
            static func == (a: Key, b: Key) -> Bool { a.hash == b.hash && a.values == b.values }
            func hash(into hasher: inout Hasher) { hasher.combine(hash) }
        }

        public init(limit: Int = 4096) { self.limit = limit }

        /// True while traits are still being shared.
        public var isOpen: Bool { !overflowed }

        /// The traits met first that equal `traits`, or nil when they are new (`remember` them).
        /// `hash`: `traits.valuesHash` when already worked out.
        public func shared(_ traits: CustomerTraits, hash: Int? = nil) -> CustomerTraits? {
            if traits.storage === CustomerTraits.none { return isOpen ? traits : nil }
            return shared(traits.values, hash: hash ?? traits.valuesHash)
        }

        /// The traits met first with `values`, or nil when they are new (or the table is full):
        /// no object is made for values already met, so a reader that works out the values
        /// (and their hash, `values.hashValue`) on other threads hands over no object to free.
        /// Customers without any of the seven values get the one shared object.
        public func shared(_ values: Values, hash: Int) -> CustomerTraits? {
            guard isOpen else { return nil }
            if values.isEmpty { return CustomerTraits(values) }
            return known[Key(values: values, hash: hash)]
        }

        /// Remembers `traits` for `shared` (while the table is open). `hash`: as for `shared`.
        public mutating func remember(_ traits: CustomerTraits, hash: Int? = nil) {
            guard isOpen else { return }
            if known.count == limit { overflowed = true } else {
                known[Key(values: traits.values, hash: hash ?? traits.valuesHash)] = traits
            }
        }
    }
}
