import Testing
import Model
@testable import Metrics

@Suite struct OrderMetricsTests {
    @Test func handWorkedPurchaseMetricsAndCLV() {
        let m = OrderMetrics(dataset: Fixture.orders, configuration: Fixture.orderConfiguration())
        // Paid orders: Ivy 3, Jon 1, Kim 2 = 6 from 3 customers; repeaters Ivy, Kim.
        #expect(m.customersWithOrders == 3 && m.repeatCustomers == 2 && m.paidOrders == 6)
        #expect(close(m.repeatPurchaseRate, 2.0 / 3))
        #expect(m.purchaseFrequency == 2)
        // Revenue 100 + 50 + 70 + 40 + 60 + 80 = 400 → AOV 400/6; refund −20 apart.
        #expect(m.paidRevenue == 400 && m.refunds == -20)
        #expect(close(m.averageOrderValue, 400.0 / 6))
        // Gaps: Ivy 01-03 → 02-10 = 38 days over 2 gaps; Kim 02-05 → 04-01 = 56 over 1 → 94/3.
        #expect(close(m.meanDaysBetweenPurchases, 94.0 / 3))
        // CLV window: complete months with data = Jan, Feb, Mar 2024.
        //   churn: Jan S = 0 (no rate), Feb 1/2 (Jon), Mar 2/2 (Ivy, Kim) → mean 0.75
        //   ARPA: Jan 190 / 2 active; Feb 110 / 3 (Ivy, Jon to 02-14, Kim); Mar 0 / 2 → (95 + 36.667 + 0)/3 = 395/9
        //   CLV = 395/9 × 0.5 ÷ 0.75 = 29.259259
        #expect(m.clvWindow.map(\.label) == ["2024-01", "2024-02", "2024-03"])
        #expect(close(m.monthlyChurnRate, 0.75))
        #expect(close(m.averageRevenuePerAccount, 395.0 / 9))
        #expect(close(m.customerLifetimeValue, 29.259259))
        // The churn series the analysis has already computed gives the same metrics.
        let ledger = ActivityLedger(dataset: Fixture.orders, configuration: Fixture.orderConfiguration())
        #expect(OrderMetrics(ledger: ledger, churn: ChurnSeries(ledger: ledger)) == m)
        // The sums taken from the order rows before they are released give them too.
        let rows = OrderRowSummary(ledger: ledger)
        // Month revenue (net of refunds) gathered for the 6 complete months up to as-of (Oct 2023 - Mar 2024):
        // Jan 190, Feb 110, Mar 0, the months before the data 0.
        #expect(rows.revenue(inMonth: m.clvWindow[0].index) == 190 && rows.revenue(inMonth: m.clvWindow[1].index) == 110)
        #expect(rows.revenue(inMonth: m.clvWindow[2].index) == 0 && rows.revenue(inMonth: m.clvWindow[0].index - 3) == 0)
        var released = ledger
        released.releaseOrders()
        #expect(released.orders.isEmpty)
        #expect(OrderMetrics(rows: rows, ledger: released, churn: ChurnSeries(ledger: ledger)) == m)
    }

    @Test func noChurnMeansNoCLV() {
        // Two loyal customers ordering every 2 weeks, as-of 03-31: no churn in Jan–Mar → CLV nil.
        var orders: [Order] = []
        for week in 0..<13 {
            orders.append(Order(customer: 0, day: d("2024-01-01").adding(days: 7 * week), amount: 10))
            orders.append(Order(customer: 1, day: d("2024-01-02").adding(days: 7 * week), amount: 20))
        }
        let data = Dataset(customers: [Customer(id: "a", signup: d("2024-01-01")), Customer(id: "b", signup: d("2024-01-02"))],
                           orders: orders)
        let config = MetricsConfiguration(asOf: d("2024-03-31"), inactivityDays: 30)
        let m = OrderMetrics(dataset: data, configuration: config)
        #expect(m.monthlyChurnRate == 0)
        #expect(m.averageRevenuePerAccount != nil)
        #expect(m.customerLifetimeValue == nil)
        // Weekly purchases: mean gap 7 days.
        #expect(m.meanDaysBetweenPurchases == 7)
    }

    @Test func noOrdersMeansNoRates() {
        let m = OrderMetrics(dataset: Dataset(customers: [Customer(id: "a", signup: d("2024-01-01"))]),
                             configuration: Fixture.orderConfiguration())
        #expect(m.repeatPurchaseRate == nil && m.averageOrderValue == nil && m.purchaseFrequency == nil)
        #expect(m.customerLifetimeValue == nil)
    }
}
