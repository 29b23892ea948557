import Testing
import Model
@testable import Metrics

@Suite struct MRRBridgeTests {
    let bridge = MRRBridge(dataset: Fixture.subscriptions, configuration: Fixture.configuration())

    @Test func handWorkedMovementsFollowChartMogul() {
        let p = bridge.periods
        #expect(p.map(\.period.label) == ["2024-01", "2024-02", "2024-03"])
        // Jan: start 0; new Ann 100 + Bob 50 + Cat 30 + Hal 25 = 205; churn Cat 30 + Hal 25 = 55; end 150.
        #expect(p[0].start == 0 && p[0].new == 205 && p[0].churn == 55 && p[0].end == 150)
        #expect(p[0].newCount == 4 && p[0].churnCount == 2)
        // Feb: start 150; new Dan 80 + Eve 40 = 120; reactivation Hal 25; churn Bob 50;
        // end = Ann 100 + Hal 25 + Dan 80 + Eve 40 = 245 = 150 + 120 + 25 − 50.
        #expect(p[1].start == 150 && p[1].new == 120 && p[1].reactivation == 25 && p[1].churn == 50)
        #expect(p[1].end == 245)
        // Mar: start 245; new Fay 60; expansion Dan +20; churn Eve 40; end 285.
        #expect(p[2].new == 60 && p[2].expansion == 20 && p[2].churn == 40 && p[2].contraction == 0)
        #expect(p[2].end == 285 && bridge.currentMRR == 285)
        #expect(bridge.reconciles && p.allSatisfy { $0.difference == 0 })
    }

    @Test func churnAndRetentionRates() {
        let feb = bridge.periods[1], mar = bridge.periods[2]
        // Feb: gross = 50/150; net = (50 − 25)/150 (reactivation offsets); GRR = NRR = 100/150.
        #expect(close(feb.grossMRRChurnRate, 50.0 / 150))
        #expect(close(feb.netMRRChurnRate, 25.0 / 150))
        #expect(close(feb.grossRevenueRetention, 100.0 / 150))
        #expect(close(feb.netRevenueRetention, 100.0 / 150))
        // (start − end)/start = (150 − 245)/150 = net MRR churn − new/start = 25/150 − 120/150.
        #expect(close(feb.mrrDeclineRate, -95.0 / 150))
        #expect(close(feb.mrrDeclineRate, feb.netMRRChurnRate! - feb.new / feb.start))
        // Mar: gross = 40/245; net = (40 − 20)/245; NRR = (245 − 40 + 20)/245 = 225/245.
        #expect(close(mar.grossMRRChurnRate, 40.0 / 245))
        #expect(close(mar.netMRRChurnRate, 20.0 / 245))
        #expect(close(mar.netRevenueRetention, 225.0 / 245))
        #expect(bridge.periods[0].grossMRRChurnRate == nil)  // start MRR 0
    }

    @Test func contractionAndPlanSwitchesAreNettedPerCustomerDay() {
        // One customer: 100 from 01-01; on 02-10 swaps to a 70 plan (cancel + start same day) → one
        // contraction of 30; on 03-05 adds a 50 add-on → expansion 50. The 2023-01 cohort for T12M
        // is empty, so trailing retention is nil.
        let data = Dataset(customers: [Customer(id: "x", signup: d("2024-01-01"))], subscriptions: [
            Subscription(id: "a", customer: 0, start: d("2024-01-01"), end: d("2024-02-10"), mrr: 100),
            Subscription(id: "b", customer: 0, start: d("2024-02-10"), mrr: 70),
            Subscription(id: "c", customer: 0, start: d("2024-03-05"), mrr: 50),
        ])
        let b = MRRBridge(dataset: data, configuration: Fixture.configuration())
        #expect(b.periods[1].contraction == 30 && b.periods[1].contractionCount == 1 && b.periods[1].churn == 0)
        #expect(b.periods[2].expansion == 50 && b.periods[2].end == 120)
        #expect(b.trailingNetRetention == nil)
    }

    @Test func trailingTwelveMonthRetentionIsCohortBased() {
        // Paying on 2023-03-15 (12 months before as-of): A 100, B 100, C 100 → base 300.
        // On 2024-03-15: A expanded to 150, B contracted to 60, C churned, D (new) 500 is not in the base.
        // NRR = (150 + 60 + 0) / 300 = 0.7; GRR = (min(150,100) + min(60,100) + 0) / 300 = 160/300.
        let customers = ["A", "B", "C", "D"].map { Customer(id: $0, signup: d("2023-01-01")) }
        let data = Dataset(customers: customers, subscriptions: [
            Subscription(id: "a1", customer: 0, start: d("2023-01-01"), end: d("2023-09-01"), mrr: 100),
            Subscription(id: "a2", customer: 0, start: d("2023-09-01"), mrr: 150),
            Subscription(id: "b1", customer: 1, start: d("2023-01-01"), end: d("2023-11-01"), mrr: 100),
            Subscription(id: "b2", customer: 1, start: d("2023-11-01"), mrr: 60),
            Subscription(id: "c1", customer: 2, start: d("2023-01-01"), end: d("2024-01-10"), mrr: 100),
            Subscription(id: "d1", customer: 3, start: d("2023-06-01"), mrr: 500),
        ])
        let b = MRRBridge(dataset: data, configuration: Fixture.configuration())
        #expect(close(b.trailingNetRetention, 0.7))
        #expect(close(b.trailingGrossRetention, 160.0 / 300))
        #expect(MRRBridge.twelveMonthsBefore(d("2024-02-29")) == d("2023-02-28"))
    }

    @Test func orderBusinessesHaveNoBridge() {
        #expect(MRRBridge(dataset: Fixture.orders, configuration: Fixture.orderConfiguration()).periods.isEmpty)
        #expect(MRRBridge(dataset: Dataset(), configuration: Fixture.configuration()).periods.isEmpty)
    }

    @Test(arguments: [Granularity.day, .week, .month, .quarter], Array(UInt64(1)...UInt64(5)))
    func bridgeReconcilesOnRandomDatasets(granularity: Granularity, seed: UInt64) {
        let data = randomSubscriptionDataset(seed: seed)
        let b = MRRBridge(dataset: data, configuration: Fixture.configuration(granularity, asOf: d("2024-08-20")))
        #expect(!b.periods.isEmpty)
        #expect(b.reconciles)
        for (prev, next) in zip(b.periods, b.periods.dropFirst()) {
            #expect(abs(prev.end - next.start) < 1e-6)  // end of one period = start of the next
        }
        for p in b.periods {
            #expect(p.new >= 0 && p.expansion >= 0 && p.contraction >= 0 && p.churn >= 0 && p.reactivation >= 0)
            if let g = p.grossRevenueRetention { #expect(g <= 1 + 1e-12) }
        }
    }
}
