import Testing
import Model
@testable import Metrics

/// `EvidenceReaders`: the evidence stays for as many readers as announced and is let go by the
/// last one; a copy a reader took keeps its orders.
@Suite struct EvidenceReadersTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static let orders = [
        Order(customer: 0, day: day("2024-01-05"), amount: 12),
        Order(customer: 1, day: day("2024-01-07"), amount: 30),
        Order(customer: 0, day: day("2024-02-05"), amount: 8),
    ]

    static func evidence() -> HealthEvidence {
        HealthEvidence(Dataset(customers: [Customer(id: "a", signup: day("2023-01-01")), Customer(id: "b", signup: day("2023-01-01"))],
                               orders: orders))
    }

    /// Two readers: after the first is done the evidence is still there (customer 0's two
    /// orders); after the second it is nil and no reader is left.
    @Test func theLastReaderLetsTheEvidenceGo() {
        let readers = EvidenceReaders(Self.evidence(), readers: 2)
        #expect(readers.readers == 2)
        #expect(readers.evidence?.orders(of: 0) == [Self.orders[0], Self.orders[2]])
        readers.done()
        #expect(readers.readers == 1)
        #expect(readers.evidence?.orders(of: 1) == [Self.orders[1]])
        readers.done()
        #expect(readers.readers == 0)
        #expect(readers.evidence == nil)
    }

    /// A copy taken before the last reader is done still reads every order: the box drops only
    /// its own copy.
    @Test func aCopyTakenBeforeKeepsItsOrders() {
        let readers = EvidenceReaders(Self.evidence(), readers: 1)
        let copy = readers.evidence!
        readers.done()
        #expect(readers.evidence == nil)
        #expect(copy.orders(of: 0) == [Self.orders[0], Self.orders[2]])
        #expect(copy.orders(of: 1) == [Self.orders[1]])
    }

    /// A reader that is done and waits (`waitUntilReleased`) goes on only once the last reader
    /// is done and the evidence is gone; a later wait returns at once.
    @Test func waitingEndsWhenTheEvidenceIsLetGo() {
        let readers = EvidenceReaders(Self.evidence(), readers: 2)
        // The waiter is the last task, so the tasks end on one thread as well as on two.
        let gone = FixedPartition.tasks(2, parallel: true) { task -> Bool in
            readers.done()
            guard task == 1 else { return true }
            readers.waitUntilReleased()
            return readers.evidence == nil && readers.readers == 0
        }
        #expect(gone == [true, true])
        readers.waitUntilReleased()
        #expect(readers.evidence == nil)
    }

    /// One reader per thread, each taking the evidence, summing customer 0's amounts and saying
    /// it is done: every one reads 12 + 8 = 20, and the evidence is gone after the last.
    @Test func readersOnSeveralThreads() {
        let readers = EvidenceReaders(Self.evidence(), readers: 8)
        let sums = FixedPartition.tasks(8, parallel: true) { _ -> Double in
            var sum = 0.0
            readers.evidence!.forEachOrder(of: 0) { sum += $0.amount }
            readers.done()
            return sum
        }
        #expect(sums == [Double](repeating: 20, count: 8))
        #expect(readers.evidence == nil)
    }
}
