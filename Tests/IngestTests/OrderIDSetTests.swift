import Testing
@testable import Ingest

@Suite struct OrderIDSetTests {
    func insert(_ set: inout OrderIDSet, _ id: String) -> Bool {
        var id = id
        return id.withUTF8 { set.insert($0) }
    }

    @Test func increasingIdsStayRunsAndRepeatsAreFound() {
        var set = OrderIDSet()
        // INV-000001 … INV-001000 with INV-000500 … INV-000599 missing: two runs.
        for n in 1...1000 where !(500..<600).contains(n) {
            #expect(insert(&set, "INV-" + String(1_000_000 + n).dropFirst()))
        }
        #expect(!insert(&set, "INV-000042"))  // a repeat inside the first run
        #expect(!insert(&set, "INV-001000"))  // the last id again
        #expect(insert(&set, "INV-001001"))   // extends the second run
        #expect(insert(&set, "INV-42"))       // another shape: 2 digits, not 6
        #expect(insert(&set, "42"))           // and another: no prefix
        #expect(!set.holdsFingerprints)
        #expect(set.count == 903)              // 900 + INV-001001 + INV-42 + 42
    }

    @Test func theNextNumberOfTheLastShapeExtendsItsRunAndOtherShapesKeepTheirs() {
        var set = OrderIDSet()
        // X-1, X-2 (the successor of X-1), Y-1 (a new shape), X-3 (X again: its run 1–2 grows
        // to 1–3), X-4 (the successor of X-3), Y-2 (Y's run 1–1 grows to 1–2).
        for id in ["X-1", "X-2", "Y-1", "X-3", "X-4", "Y-2"] { #expect(insert(&set, id)) }
        for id in ["X-1", "X-2", "X-3", "X-4", "Y-1", "Y-2"] { #expect(!insert(&set, id)) }
        #expect(insert(&set, "X-5"))   // after a repeat of X-4: X's run 1–4 grows to 1–5
        #expect(!insert(&set, "X-5"))
        // A9's successor would need a second digit: A10 is another shape (2 digits), not a repeat.
        #expect(insert(&set, "A9"))
        #expect(insert(&set, "A10"))
        #expect(!insert(&set, "A9") && !insert(&set, "A10"))
        #expect(!set.holdsFingerprints)
        #expect(set.count == 9)  // X-1…X-5, Y-1, Y-2, A9, A10
        // 19 digits: the last 18 are the number (prefix "1"); 1 999999999999999999 has no
        // 18-digit successor, so 2 000000000000000000 is a new shape (prefix "2").
        var long = OrderIDSet()
        for id in ["1234567890123456789", "1234567890123456790", "1999999999999999999", "2000000000000000000"] {
            #expect(insert(&long, id))
        }
        #expect(!insert(&long, "1234567890123456790") && !insert(&long, "2000000000000000000"))
        #expect(insert(&long, "2000000000000000001"))
        #expect(!long.holdsFingerprints)
        #expect(long.count == 5)
    }

    @Test func anIdOutOfOrderTurnsTheRunsIntoFingerprints() {
        var set = OrderIDSet()
        for n in [10, 11, 12, 20, 21] { #expect(insert(&set, "A\(n)")) }
        #expect(insert(&set, "A15"))  // lower than 21 and not held: every id becomes a fingerprint
        #expect(set.holdsFingerprints)
        for n in [10, 11, 12, 15, 20, 21] { #expect(!insert(&set, "A\(n)")) }
        #expect(insert(&set, "A13"))
        #expect(insert(&set, "ch_3Nx"))  // ends in a letter: no number to keep in a run
        #expect(!insert(&set, "ch_3Nx"))
        #expect(set.count == 8)
    }

    @Test func idsWithoutDigitsGoStraightToFingerprints() {
        var set = OrderIDSet()
        #expect(insert(&set, "alpha"))
        #expect(set.holdsFingerprints)
        #expect(!insert(&set, "alpha"))
    }

    @Test func partitionsShareAnIdInEveryForm() {
        // Runs with runs: 1–100 against 100–200 share 100; against 101–200 nothing.
        var a = OrderIDSet(), b = OrderIDSet(), c = OrderIDSet()
        for n in 1...100 { _ = insert(&a, "O\(n + 1000)") }
        for n in 100...200 { _ = insert(&b, "O\(n + 1000)") }
        for n in 101...200 { _ = insert(&c, "O\(n + 1000)") }
        #expect(a.sharesAny(with: b))
        #expect(!a.sharesAny(with: c))
        // Fingerprints against runs, both ways.
        var f = OrderIDSet()
        _ = insert(&f, "zzz")
        _ = insert(&f, "O1150")
        #expect(f.holdsFingerprints)
        #expect(f.sharesAny(with: b) && b.sharesAny(with: f))
        #expect(!f.sharesAny(with: a) && !a.sharesAny(with: f))
        var g = OrderIDSet()
        _ = insert(&g, "zzz")
        #expect(g.sharesAny(with: f))
    }
}
