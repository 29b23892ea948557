import Model

/// The join of a revenue file's rows (or of one partition of them, see `OrderPartial`) whose
/// customer key is not a customer id as written: each distinct key is resolved once by the
/// other methods of `CustomerKeys` and remembered by its bytes (no `String` per row); matches
/// are counted per method, misses with the first few keys. Partitions are combined in file
/// order (`merge`), so the counts and examples are those of one pass over the file.
struct RevenueJoin: Sendable {
    /// Rows matched by the id as written (counted by the caller: one increment per row).
    var idMatches = 0
    /// Keys already resolved, and per key the customer (−1: none) and the method.
    private var resolvedKeys = ByteKeyedIndex()
    private var resolutions: [(customer: CustomerIndex, method: CustomerJoin.Method)] = []
    private(set) var matched: [CustomerJoin.Method: Int] = [:]
    private(set) var unmatched = 0
    /// The first distinct unmatched keys with their lines. Six are kept although a file's
    /// join shows three: merging a later partition may need three more than an earlier one's.
    private(set) var examples: [(key: String, line: Int)] = []
    static let exampleLimit = 6

    /// The customer `key` names by the other methods (`keys`, consulted only for a key not
    /// met before), counted as a match or a miss.
    mutating func customer(for key: UnsafeBufferPointer<UInt8>, line: Int, keys: CustomerKeys?) -> CustomerIndex? {
        let resolution: (customer: CustomerIndex, method: CustomerJoin.Method)
        if let k = resolvedKeys.value(for: key) {
            resolution = resolutions[k]
        } else {
            let found = keys?.match(String(decoding: key, as: UTF8.self))
            resolution = found.map { ($0.0, $0.1) } ?? (-1, .id)
            resolvedKeys.insert(key)
            resolutions.append(resolution)
        }
        guard resolution.customer >= 0 else {
            miss(key, line: line)
            return nil
        }
        matched[resolution.method, default: 0] += 1
        return resolution.customer
    }

    private mutating func miss(_ key: UnsafeBufferPointer<UInt8>, line: Int) {
        unmatched += 1
        guard examples.count < Self.exampleLimit else { return }
        let text = String(decoding: key, as: UTF8.self)
        if !examples.contains(where: { $0.key == text }) { examples.append((text, line)) }
    }

    /// Adds a later partition's counts; its example lines are shifted by `lineOffset`.
    /// (The resolved keys are not merged: the file is done when partitions are.)
    mutating func merge(_ other: RevenueJoin, lineOffset: Int) {
        idMatches += other.idMatches
        for (method, n) in other.matched { matched[method, default: 0] += n }
        unmatched += other.unmatched
        for e in other.examples where examples.count < Self.exampleLimit && !examples.contains(where: { $0.key == e.key }) {
            examples.append((e.key, e.line + lineOffset))
        }
    }

    /// Records the counts in the file's tally (which keeps its first three examples).
    func record(into tally: inout FileJoinTally) {
        if idMatches > 0 { tally.matched[.id, default: 0] += idMatches }
        for (method, n) in matched { tally.matched[method, default: 0] += n }
        tally.unmatched += unmatched
        for e in examples where tally.examples.count < 3 && !tally.examples.contains(where: { $0.key == e.key }) {
            tally.examples.append(e)
        }
    }
}
