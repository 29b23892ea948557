import Testing
import Model
@testable import Metrics

/// Issue 10's defects and definitions, each on a hand-worked order business (monthly, inactivity
/// 30 days, as-of 2024-04-15; `Fixture.orderConfiguration()`).
@Suite struct CancellationRulesTests {
    static func ledger(_ customers: [Customer], _ orders: [Order], basis: CohortBasis = .firstPayment) -> ActivityLedger {
        var configuration = Fixture.orderConfiguration()
        configuration.cohortBasis = basis
        return ActivityLedger(dataset: Dataset(customers: customers, orders: orders), configuration: configuration)
    }

    @Test func customersWhoNeverPaidAreInNoFirstPaymentCohortNorSurvival() {
        // "buyer" pays 01-10 (one cohort member, 100 % at k = 0). "ghost" has a CRM cancellation
        // 03-01 but no order: before the fix it was active 01-05..03-01 and its "first payment"
        // was its signup, putting a second member into January at k = 0 (1 of 2 = 50 %) and a
        // churn at day 56 into the survival curve. Now: one cohort member, one subject, and
        // "signed up, never paid" = 1.
        let l = Self.ledger([Customer(id: "buyer", signup: d("2024-01-10")),
                             Customer(id: "ghost", signup: d("2024-01-05"), churnDate: d("2024-03-01"))],
                            [Order(customer: 0, day: d("2024-01-10"), amount: 20)])
        #expect(l.activity[1] == nil)
        #expect(l.neverPaid == 1)
        let cohorts = CohortTable(ledger: l)
        #expect(cohorts.rows.map(\.size) == [1, 0, 0, 0])
        #expect(cohorts.rows[0].cells[0]?.retention == 1)
        let km = KaplanMeierCurve(ledger: l)
        #expect(km.subjects == 1 && km.events == 1)  // buyer: 01-10 + 30 = 02-09, churned at day 30
        #expect(km.steps.map(\.time) == [0, 30])
    }

    @Test func aCancellationAfterAsOfNeverMakesACustomerActive() {
        // "future" has no order and a CRM cancellation 2024-06-01, after as-of 04-15: before the
        // fix it was active from signup 02-01 (in every churn and cohort figure). Now it is a
        // sign-up who never paid; the churn series sees only "buyer" (02-05 + 30 = 03-06 churn).
        let l = Self.ledger([Customer(id: "buyer", signup: d("2024-02-05")),
                             Customer(id: "future", signup: d("2024-02-01"), churnDate: d("2024-06-01"))],
                            [Order(customer: 0, day: d("2024-02-05"), amount: 20)])
        #expect(l.activity[1] == nil && l.neverPaid == 1)
        let s = ChurnSeries(ledger: l).periods
        #expect(s.map(\.period.label) == ["2024-02", "2024-03", "2024-04"])
        #expect(s.map(\.customersAtEnd) == [1, 0, 0])
        #expect(s[1].customersAtStart == 1 && s[1].churned == 1)
    }

    @Test func churnReasonAndTypeNeverComeFromACancellationAfterAsOf() {
        // "late" orders 01-10, churns by inactivity on 02-09; the CRM says cancelled 2024-05-01
        // (after as-of) for "budget_cut", involuntary. As of 04-15 that cancellation is unknown:
        // the February churn is Unknown with unknown type (before the fix: budget_cut, involuntary).
        let l = Self.ledger([Customer(id: "late", signup: d("2024-01-10"), churnDate: d("2024-05-01"),
                                      churnReason: "budget_cut", churnKind: .involuntary),
                             Customer(id: "stay", signup: d("2024-01-02"))],
                            [Order(customer: 0, day: d("2024-01-10"), amount: 20),
                             Order(customer: 1, day: d("2024-01-02"), amount: 20),
                             Order(customer: 1, day: d("2024-01-30"), amount: 20),
                             Order(customer: 1, day: d("2024-02-25"), amount: 20),
                             Order(customer: 1, day: d("2024-03-20"), amount: 20),
                             Order(customer: 1, day: d("2024-04-10"), amount: 20)])
        #expect(l.activity[0]?.spans == [ActiveSpan(start: d("2024-01-10"), end: d("2024-02-09"))])
        #expect(l.activity[0]?.cancellationChurn == nil)
        let reasons = ChurnReasonBreakdown(ledger: l, periods: 3)
        #expect(reasons.rows.map(\.reason) == [ChurnReasonBreakdown.unknownReason])
        #expect(reasons.rows.map(\.count) == [1])
        let feb = ChurnSeries(ledger: l).periods[1]
        #expect(feb.churned == 1 && feb.voluntary == 0 && feb.involuntary == 0 && feb.unknownKind == 1)
    }

    @Test func theCRMCancellationEndsOrderActivityAndALaterOrderReactivates() {
        // "cut": orders 01-05 and 01-20 (active until 02-19), CRM cancellation 01-25 "price",
        // voluntary → churn on 01-25 (not 02-19), with the CRM reason and type.
        // "back": order 01-05, cancellation 01-15, order again 03-01 → churn 01-15, reactivation
        // 03-01, active until 03-31 (churned on 03-31, ≤ as-of). The reason stays on the 01-15 churn.
        // "ext": order 01-05 (inactivity end 02-04), CRM cancellation 02-20 → the CRM date is the
        // churn day: active until 02-20.
        let l = Self.ledger(
            [Customer(id: "cut", signup: d("2024-01-05"), churnDate: d("2024-01-25"), churnReason: "price",
                      churnKind: .voluntary),
             Customer(id: "back", signup: d("2024-01-05"), churnDate: d("2024-01-15"), churnReason: "price"),
             Customer(id: "ext", signup: d("2024-01-05"), churnDate: d("2024-02-20"))],
            [Order(customer: 0, day: d("2024-01-05"), amount: 10), Order(customer: 0, day: d("2024-01-20"), amount: 10),
             Order(customer: 1, day: d("2024-01-05"), amount: 10), Order(customer: 1, day: d("2024-03-01"), amount: 10),
             Order(customer: 2, day: d("2024-01-05"), amount: 10)])
        #expect(l.activity[0]?.spans == [ActiveSpan(start: d("2024-01-05"), end: d("2024-01-25"))])
        #expect(l.activity[0]?.cancellationChurn == d("2024-01-25"))
        #expect(l.activity[1]?.spans == [ActiveSpan(start: d("2024-01-05"), end: d("2024-01-15")),
                                         ActiveSpan(start: d("2024-03-01"), end: d("2024-03-31"))])
        #expect(l.activity[1]?.cancellationChurn == d("2024-01-15"))
        #expect(l.activity[2]?.spans == [ActiveSpan(start: d("2024-01-05"), end: d("2024-02-20"))])
        // Churn events: cut 01-25 (price), back 01-15 (price) and 03-31 (Unknown), ext 02-20 (no reason).
        let reasons = ChurnReasonBreakdown(ledger: l, periods: 3)
        #expect(reasons.rows.map(\.reason) == ["price", ChurnReasonBreakdown.unknownReason])
        #expect(reasons.rows.map(\.count) == [2, 2])
        // January: S = 0; cut and back joined and left within it (in no flow); ext is new → E = 1.
        // February: S = ext (active on 01-31) → churned 02-20. March: back returns 03-01 and
        // leaves 03-31, not active on 03-31 → E = 0.
        let s = ChurnSeries(ledger: l).periods
        #expect(s[0].joined == 1 && s[0].customersAtEnd == 1)
        #expect(s[2].customersAtStart == 0 && s[2].customersAtEnd == 0)
        #expect(s[1].customersAtStart == 1 && s[1].churned == 1)
        #expect(s[0].voluntary == 0)  // cut's voluntary churn was in January, but cut was not in S
    }

    @Test func withoutARevenueFileEveryCustomerIsActiveFromSignup() {
        // Customers file alone: a cancellation on or before as-of ends activity; one after as-of
        // does not (still active); nobody is "never paid".
        let data = Dataset(customers: [
            Customer(id: "a", signup: d("2024-01-01"), churnDate: d("2024-02-01"), churnReason: "price"),
            Customer(id: "b", signup: d("2024-01-10"), churnDate: d("2024-05-01"), churnReason: "price"),
        ])
        let l = ActivityLedger(dataset: data, configuration: Fixture.configuration())
        #expect(l.model == .customerRecords && l.neverPaid == 0)
        #expect(l.activity[0]?.spans == [ActiveSpan(start: d("2024-01-01"), end: d("2024-02-01"))])
        #expect(l.activity[0]?.cancellationChurn == d("2024-02-01"))
        #expect(l.activity[1]?.spans == [ActiveSpan(start: d("2024-01-10"), end: nil)])
        #expect(l.activity[1]?.cancellationChurn == nil)
    }

    @Test func amountsEnterAsWholeMinorUnits() {
        // An annual plan of 490.00 → 40.8333… a month → 40.83 (ChartMogul keeps MRR in cents);
        // JPY has no minor unit: 1000 / 12 = 83.33… → 83.
        let sub = Subscription(id: "s", customer: 0, start: d("2024-01-01"), mrr: 490.0 / 12)
        let usd = ActivityLedger(dataset: Dataset(customers: [Customer(id: "x", signup: d("2024-01-01"))],
                                                  subscriptions: [sub], currency: "USD"),
                                 configuration: Fixture.configuration())
        #expect(usd.mrr(of: 0, on: d("2024-02-01")) == 40.83)
        var yen = sub
        yen.mrr = 1000.0 / 12
        let jpy = ActivityLedger(dataset: Dataset(customers: [Customer(id: "x", signup: d("2024-01-01"))],
                                                  subscriptions: [yen], currency: "JPY"),
                                 configuration: Fixture.configuration())
        #expect(jpy.mrr(of: 0, on: d("2024-02-01")) == 83)
        #expect(MinorUnit.digits(of: "kwd") == 3 && MinorUnit.digits(of: "EUR") == 2)
        #expect(MinorUnit.rounded(0.125, digits: 2) == 0.13 && MinorUnit.rounded(-0.125, digits: 2) == -0.13)
    }
}
