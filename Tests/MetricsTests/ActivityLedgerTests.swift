import Testing
import Model
@testable import Metrics

@Suite struct ActivityLedgerTests {
    @Test func subscriptionSpansIgnoreTrialsAndDataAfterAsOf() {
        let ledger = ActivityLedger(dataset: Fixture.subscriptions, configuration: Fixture.configuration())
        #expect(ledger.model == .subscriptions)
        // Gus has only a trial; Ned's only subscription starts after as-of.
        #expect(ledger.activity[7] == nil)
        #expect(ledger.activity[8] == nil)
        #expect(ledger.neverPaid == 2)
        #expect(ledger.ignoredAfterAsOf == 1)
        // Hal: 01-08..01-31, then back from 02-15 (still active): one churn, one reactivation.
        let hal = ledger.activity[3]
        #expect(hal?.spans == [ActiveSpan(start: d("2024-01-08"), end: d("2024-01-31")),
                               ActiveSpan(start: d("2024-02-15"), end: nil)])
        #expect(hal?.churnDate == nil)
        #expect(hal?.churnDays == [d("2024-01-31")])
        #expect(hal?.reactivationDays == [d("2024-02-15")])
        // Bob's subscription end and CRM date agree: churned 02-20.
        #expect(ledger.activity[1]?.churnDate == d("2024-02-20"))
    }

    @Test func crmCancellationCutsOrExtendsTheLastSpan() {
        let customers = [
            Customer(id: "cut", signup: d("2024-01-01"), churnDate: d("2024-02-10")),
            Customer(id: "ext", signup: d("2024-01-01"), churnDate: d("2024-02-15")),
            Customer(id: "late", signup: d("2024-01-01"), churnDate: d("2024-05-01")),
        ]
        let subs = [
            Subscription(id: "a", customer: 0, start: d("2024-01-01"), mrr: 10),
            Subscription(id: "b", customer: 1, start: d("2024-01-01"), end: d("2024-02-01"), mrr: 10),
            Subscription(id: "c", customer: 2, start: d("2024-01-01"), mrr: 10),
        ]
        let ledger = ActivityLedger(dataset: Dataset(customers: customers, subscriptions: subs),
                                    configuration: Fixture.configuration())
        #expect(ledger.activity[0]?.churnDate == d("2024-02-10"))
        #expect(ledger.mrr(of: 0, on: d("2024-02-09")) == 10)
        #expect(ledger.mrr(of: 0, on: d("2024-02-10")) == 0)
        // The CRM says 02-15 although billing stopped 02-01: the customer counts until 02-15, MRR stops 02-01.
        #expect(ledger.activity[1]?.churnDate == d("2024-02-15"))
        #expect(ledger.mrr(of: 1, on: d("2024-02-05")) == 0)
        // A cancellation date after as-of is not known yet.
        #expect(ledger.activity[2]?.churnDate == nil)
    }

    @Test func withARevenueFileCustomersWithoutPaymentsNeverPaid() {
        // A subscription business where "old" has no subscription rows but a cancellation date,
        // "lead" has neither, and "later" signs up after as-of: with a revenue file given, old and
        // lead are sign-ups who never paid (not active from signup); later is counted nowhere.
        var data = Fixture.subscriptions
        data.customers.append(Customer(id: "old", signup: d("2023-06-01"), churnDate: d("2024-01-20")))
        data.customers.append(Customer(id: "lead", signup: d("2024-01-03")))
        data.customers.append(Customer(id: "later", signup: d("2024-04-02")))
        let ledger = ActivityLedger(dataset: data, configuration: Fixture.configuration())
        #expect(ledger.activity[9] == nil && ledger.activity[10] == nil && ledger.activity[11] == nil)
        #expect(ledger.neverPaid == 4)  // Gus (trial), Ned (pays only after as-of), old, lead
        #expect(CohortTable(ledger: ledger).customersCounted == 7)
        #expect(KaplanMeierCurve(ledger: ledger).subjects == 7)
    }

    @Test func cancellationOnTheFirstPaidDayIsAChurnOnDayZero() {
        // Paid from 02-01, CRM cancellation 02-01: a zero-length span, never active on a period end,
        // lifetime 0 days with a churn.
        let data = Dataset(customers: [Customer(id: "z", signup: d("2024-02-01"), churnDate: d("2024-02-01"))],
                           subscriptions: [Subscription(id: "z", customer: 0, start: d("2024-02-01"), mrr: 10)])
        let ledger = ActivityLedger(dataset: data, configuration: Fixture.configuration())
        #expect(ledger.activity[0]?.spans == [ActiveSpan(start: d("2024-02-01"), end: d("2024-02-01"))])
        #expect(ledger.activity[0]?.isActive(on: d("2024-02-01")) == false)
        let km = KaplanMeierCurve(ledger: ledger)
        #expect(km.steps.map(\.time) == [0] && km.events == 1 && km.survival(at: 0) == 0)
        // It still counts in its first month (k = 0 is 100 % under first payment).
        #expect(CohortTable(ledger: ledger).rows.first?.cells.first??.customers == 1)
    }

    @Test func orderCustomersChurnAfterInactivityAndReactivate() {
        let ledger = ActivityLedger(dataset: Fixture.orders, configuration: Fixture.orderConfiguration())
        #expect(ledger.model == .orders)
        // Ivy: last order 02-10 + 30 days = 03-11 ≤ as-of 04-15.
        #expect(ledger.activity[0]?.spans == [ActiveSpan(start: d("2024-01-03"), end: d("2024-03-11"))])
        // Kim: 02-05 + 30 = 03-06 < next order 04-01: churn then reactivation, still active.
        #expect(ledger.activity[2]?.spans == [ActiveSpan(start: d("2024-02-05"), end: d("2024-03-06")),
                                              ActiveSpan(start: d("2024-04-01"), end: nil)])
        #expect(ledger.activity[3] == nil)
    }

    @Test func orderGapOfExactlyInactivityDaysIsNoChurn() {
        // 01-01 + 30 = 01-31: the next order on 01-31 arrives on the churn day itself → one span.
        let data = Dataset(customers: [Customer(id: "x", signup: d("2024-01-01"))],
                           orders: [Order(customer: 0, day: d("2024-01-01"), amount: 5),
                                    Order(customer: 0, day: d("2024-01-31"), amount: 5)])
        let ledger = ActivityLedger(dataset: data, configuration: Fixture.orderConfiguration())
        #expect(ledger.activity[0]?.spans == [ActiveSpan(start: d("2024-01-01"), end: d("2024-03-01"))])
    }

    @Test func customerRecordsAloneUseSignupToCancellation() {
        let data = Dataset(customers: [
            Customer(id: "a", signup: d("2024-01-01"), churnDate: d("2024-02-01")),
            Customer(id: "b", signup: d("2024-01-10")),
            Customer(id: "c", signup: d("2024-06-01")),  // after as-of
        ])
        let ledger = ActivityLedger(dataset: data, configuration: Fixture.configuration())
        #expect(ledger.model == .customerRecords)
        #expect(ledger.activity[0]?.spans == [ActiveSpan(start: d("2024-01-01"), end: d("2024-02-01"))])
        #expect(ledger.activity[1]?.spans == [ActiveSpan(start: d("2024-01-10"), end: nil)])
        #expect(ledger.activity[2] == nil)
    }

    @Test func streamedOrdersInAnyOrderGiveTheSameActivity() {
        var rng = SeededGenerator(seed: 7)
        let data = Fixture.orders
        var shuffled = data
        shuffled.orders = CustomerOrderBook(data.orders.shuffled(using: &rng))
        let a = ActivityLedger(dataset: data, configuration: Fixture.orderConfiguration())
        let b = ActivityLedger(dataset: shuffled, configuration: Fixture.orderConfiguration())
        #expect(a.activity == b.activity)
        #expect(a.orders == b.orders)
    }
}
