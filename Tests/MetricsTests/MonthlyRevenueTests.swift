import Testing
import Model
@testable import Metrics

/// The monthly revenue at as-of in an order business (paid revenue of the periods from the one
/// containing as-of − 90 days, ÷ 3), read from the end of each customer's period rows.
@Suite struct MonthlyRevenueTests {
    @Test func ordersFromThePeriodOfNinetyDaysBeforeAsOfCount() {
        // As-of 2024-06-30: 90 days before is 2024-04-01, so April, May and June count.
        let customers = (0..<3).map { Customer(id: "c\($0)", signup: d("2023-12-01")) }
        let orders = [
            // Customer 0: January 100 and March 50 (before the window), April 30, May 20.50, a
            // refund of 5 on as-of.
            Order(customer: 0, day: d("2024-01-10"), amount: 100), Order(customer: 0, day: d("2024-03-31"), amount: 50),
            Order(customer: 0, day: d("2024-04-01"), amount: 30), Order(customer: 0, day: d("2024-05-15"), amount: 20.5),
            Order(customer: 0, day: d("2024-06-30"), amount: -5),
            // Customer 1: orders before the window only.
            Order(customer: 1, day: d("2024-02-01"), amount: 70), Order(customer: 1, day: d("2024-03-20"), amount: 9),
            // Customer 2: one order of 12 in June.
            Order(customer: 2, day: d("2024-06-01"), amount: 12),
        ]
        let configuration = MetricsConfiguration(asOf: d("2024-06-30"), calendar: PeriodCalendar(.month), inactivityDays: 45)
        let ledger = ActivityLedger(dataset: Dataset(customers: customers, orders: orders), configuration: configuration)
        // April 2024 is period 2024 × 12 + 3.
        #expect(RetentionAnalysis.revenueWindowStart(ledger) == 24_291)
        let window: Double = 30 + 20.5 - 5
        #expect(RetentionAnalysis.monthlyRevenue(of: 0, ledger: ledger) == window / 3)
        #expect(RetentionAnalysis.monthlyRevenue(of: 1, ledger: ledger) == 0)
        #expect(RetentionAnalysis.monthlyRevenue(of: 2, ledger: ledger) == 4)
        // Outside the order table: nothing.
        #expect(RetentionAnalysis.monthlyRevenue(of: 3, ledger: ledger) == 0)
    }
}
