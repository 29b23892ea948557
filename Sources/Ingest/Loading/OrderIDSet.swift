/// The order ids met so far, for finding repeats (`duplicate_id`) among millions of rows in
/// little memory.
///
/// An id is split into its shape — the text before its trailing digits and the number of
/// those digits (at most 18) — and the number they write (`TrailingNumber`): `INV-000123` is
/// (`INV-`, 6, 123). The split is one to one, so ids are equal exactly when shape and number
/// are. Exports usually number their records in sequence, so while every id is larger than
/// the last one of its shape, the set keeps runs of consecutive numbers per shape (a
/// 10-million-row file of increasing ids: a few bytes). The first id that breaks that (an id
/// without digits, a number lower than its shape's last one that is not a repeat, more than
/// `shapeLimit` shapes or `runLimit` runs) turns the set into fingerprints (`FingerprintSet`)
/// of every id met, the earlier ones regenerated from the runs.
struct OrderIDSet: Sendable {
    private struct Shape: Sendable {
        var prefix: [UInt8]
        var digits: Int
        /// Runs of consecutive numbers, increasing and apart (a gap of at least one between runs).
        var runs: [ClosedRange<UInt64>]
    }

    static let shapeLimit = 8
    static let runLimit = 1 << 16

    private var shapes: [Shape] = []
    private var runCount = 0
    private var fingerprints: FingerprintSet?
    /// How many fingerprints to make room for when turning into them.
    private let expected: Int
    private(set) var count = 0
    /// The id after the one last added to the runs: its trailing number advanced by one, same
    /// prefix and digit count (`INV-000124` after `INV-000123`), which the next row nearly
    /// always has; empty when unknown (or when the number has no successor of that many digits).
    /// Such an id extends the last run of the last shape used (where the runs leave it) at the
    /// cost of one byte comparison, without splitting it.
    private var successor: [UInt8] = []
    /// Trailing digits of `successor`.
    private var successorDigits = 0
    /// Numbers the successor path added to the last shape's last run and not yet stored in it:
    /// the run really ends `pendingExtension` above its stored upper bound. Kept apart so the
    /// common row touches no nested array; `settled` stores them before the runs are read.
    private var pendingExtension: UInt64 = 0

    init(expected: Int = 0) { self.expected = expected }

    /// Whether the ids are held as fingerprints (for tests).
    var holdsFingerprints: Bool { fingerprints != nil }

    /// Inserts `id`; false when it was already present.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        if fingerprints == nil && !successor.isEmpty && OrderStream.Partition.same(id, successor) {
            // The last shape's last run ends at the number before this one (see `successor`).
            pendingExtension &+= 1
            count &+= 1
            advanceSuccessor()
            return true
        }
        settle()
        if fingerprints == nil, let inserted = insertInRuns(id) {
            if inserted {
                count += 1
                successor.removeAll(keepingCapacity: true)
                successor.append(contentsOf: id)
                successorDigits = TrailingNumber(id)?.digits ?? 0
                advanceSuccessor()
            } else {
                successor.removeAll(keepingCapacity: true)
            }
            return inserted
        }
        successor.removeAll(keepingCapacity: true)
        if fingerprints == nil { turnIntoFingerprints() }
        let inserted = fingerprints!.insert(IDFingerprint(id))
        if inserted { count += 1 }
        return inserted
    }

    /// Stores `pendingExtension` in the last shape's last run.
    private mutating func settle() {
        guard pendingExtension > 0 else { return }
        let s = shapes.count - 1, r = shapes[s].runs.count - 1
        shapes[s].runs[r] = shapes[s].runs[r].lowerBound...(shapes[s].runs[r].upperBound + pendingExtension)
        pendingExtension = 0
    }

    /// The shapes with `pendingExtension` stored (for readers that cannot settle in place).
    private var settledShapes: [Shape] {
        var copy = self
        copy.settle()
        return copy.shapes
    }

    /// Advances `successor`'s trailing number by one, in place; empties it when all its digits
    /// are 9 (the next number needs another digit: another shape).
    private mutating func advanceSuccessor() {
        // Positions inside the id (at most its length): stepped without overflow checks.
        let first = successor.count &- successorDigits
        let advanced = successor.withUnsafeMutableBufferPointer { s -> Bool in
            var k = s.count &- 1
            while k >= first {
                if s[k] != 0x39 { s[k] &+= 1; return true }
                s[k] = 0x30
                k &-= 1
            }
            return false
        }
        if !advanced { successor.removeAll(keepingCapacity: true) }
    }

    /// Inserts into the runs: true (new), false (a repeat), nil when the runs cannot hold it.
    private mutating func insertInRuns(_ id: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let trailing = TrailingNumber(id) else { return nil }
        let (number, digits, start) = (trailing.number, trailing.digits, trailing.start)
        let prefix = UnsafeBufferPointer(rebasing: id[0..<start])
        // The last shape used first: consecutive rows nearly always share it.
        var s = shapes.count - 1
        while s >= 0 && !(shapes[s].digits == digits && OrderStream.Partition.same(prefix, shapes[s].prefix)) { s -= 1 }
        if s < 0 {
            guard shapes.count < Self.shapeLimit, runCount < Self.runLimit else { return nil }
            shapes.append(Shape(prefix: Array(prefix), digits: digits, runs: [number...number]))
            runCount += 1
            return true
        }
        if s != shapes.count - 1 { shapes.swapAt(s, shapes.count - 1); s = shapes.count - 1 }
        let last = shapes[s].runs[shapes[s].runs.count - 1]
        if number == last.upperBound &+ 1 && last.upperBound < UInt64.max {
            shapes[s].runs[shapes[s].runs.count - 1] = last.lowerBound...number
            return true
        }
        if number > last.upperBound {
            guard runCount < Self.runLimit else { return nil }
            shapes[s].runs.append(number...number)
            runCount += 1
            return true
        }
        return Self.contains(shapes[s].runs, number) ? false : nil
    }

    private static func contains(_ runs: [ClosedRange<UInt64>], _ number: UInt64) -> Bool {
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].upperBound < number { lo = mid + 1 } else { hi = mid }
        }
        return lo < runs.count && runs[lo].contains(number)
    }

    /// Calls `body` with the bytes of every id the runs hold.
    private func forEachRunID(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        for shape in settledShapes {
            var bytes = shape.prefix + [UInt8](repeating: 0x30, count: shape.digits)
            let start = shape.prefix.count
            for run in shape.runs {
                for number in run {
                    var n = number
                    for k in stride(from: bytes.count - 1, through: start, by: -1) {
                        bytes[k] = UInt8(n % 10) + 0x30
                        n /= 10
                    }
                    bytes.withUnsafeBufferPointer(body)
                }
            }
        }
    }

    private mutating func turnIntoFingerprints() {
        var set = FingerprintSet(expected: max(expected, count * 2))
        forEachRunID { _ = set.insert(IDFingerprint($0)) }
        fingerprints = set
        shapes = []
        runCount = 0
    }

    /// Whether any id of `other` is also in this set.
    func sharesAny(with other: OrderIDSet) -> Bool {
        switch (fingerprints, other.fingerprints) {
        case (let mine?, let theirs?):
            return mine.sharesAny(with: theirs)
        case (let mine?, nil):
            var found = false
            other.forEachRunID { if !found && mine.contains(IDFingerprint($0)) { found = true } }
            return found
        case (nil, .some):
            return other.sharesAny(with: self)
        case (nil, nil):
            let theirShapes = other.settledShapes
            for shape in settledShapes {
                for theirs in theirShapes where theirs.digits == shape.digits && theirs.prefix == shape.prefix {
                    if Self.overlap(shape.runs, theirs.runs) { return true }
                }
            }
            return false
        }
    }

    /// Whether two increasing run lists share a number (one merge walk).
    private static func overlap(_ a: [ClosedRange<UInt64>], _ b: [ClosedRange<UInt64>]) -> Bool {
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i].overlaps(b[j]) { return true }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return false
    }
}
