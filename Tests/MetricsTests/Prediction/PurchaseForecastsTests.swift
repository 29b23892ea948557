import Testing
import Model
@testable import Metrics

/// Forecasts put together on reading (`PurchaseForecasts`) equal, bit for bit, the forecasts the
/// fit stored one by one before (the loop copied here as the reference).
@Suite struct PurchaseForecastsTests {
    /// The stored forecasts as `PurchasePrediction.fit` built them (reference copy).
    static func storedForecasts(_ histories: [(CustomerIndex, PurchaseHistory)], model: BGNBDModel, spend: GammaGammaModel?,
                                lifetimeValue: CustomerLifetimeValue) -> [CustomerPurchaseForecast] {
        let triples = PurchaseTriples(histories.map(\.1))
        let perTriple = TripleForecasts(model, triples: triples, lifetimeValue: spend == nil ? nil : lifetimeValue)
        var forecasts: [CustomerPurchaseForecast] = []
        for (i, (customer, h)) in histories.enumerated() {
            let k = Int(triples.tripleOf[i])
            let orderValue = spend?.expectedValue(x: h.x, meanValue: h.meanRepeatValue ?? 0)
            let clv = orderValue.flatMap { v in perTriple.discountedPurchases[k].map { lifetimeValue.grossMargin * v * $0 } }
            forecasts.append(CustomerPurchaseForecast(
                customer: customer, history: h, probabilityAlive: perTriple.probabilityAlive[k],
                expectedPurchases13Weeks: perTriple.expected13Weeks[k], expectedPurchases52Weeks: perTriple.expected52Weeks[k],
                expectedOrderValue: orderValue, clv12Months: clv))
        }
        return forecasts
    }

    /// Every figure of every forecast, the optional ones as optionals (so nil and 0 differ).
    static func figures(_ f: CustomerPurchaseForecast) -> [Double?] {
        [Double(f.customer), Double(f.history.x), Double(f.history.txDays), Double(f.history.tDays), f.history.repeatSpend,
         f.probabilityAlive, f.expectedPurchases13Weeks, f.expectedPurchases52Weeks, f.expectedOrderValue, f.clv12Months]
    }

    /// The CDNOW histories (with gaps in the customer indices, every third skipped) fitted as the
    /// report fits them: the read forecasts equal the stored ones, with and without a spend
    /// model, and the totals are the totals of the stored ones.
    @Test func readForecastsEqualTheStoredOnes() throws {
        let clv = CustomerLifetimeValue(annualDiscountRate: 0.1, grossMargin: 0.4)
        let histories = CDNOWReference.histories.enumerated().map { ($0.offset * 3 / 2, $0.element) }
        let fit = try PurchasePrediction.fit(histories, lifetimeValue: clv)
        let spend = try #require(fit.spend)
        let stored = Self.storedForecasts(histories, model: fit.purchases, spend: spend, lifetimeValue: clv)
        #expect(fit.forecasts.count == stored.count && stored.count == CDNOWReference.histories.count)
        #expect(fit.forecasts.map(Self.figures) == stored.map(Self.figures))
        #expect(fit.totals == PurchaseTotals(stored))
        #expect(stored.contains { $0.clv12Months != nil } && stored.contains { $0.history.x == 0 })
        // Without a spend model: no order value and no CLV, read or stored.
        let triples = PurchaseTriples(histories.map(\.1))
        let alone = PurchaseForecasts(customers: histories.map(\.0), histories: histories.map(\.1), tripleOf: triples.tripleOf,
                                      perTriple: TripleForecasts(fit.purchases, triples: triples, lifetimeValue: nil),
                                      spend: nil, grossMargin: 0.4)
        let storedAlone = Self.storedForecasts(histories, model: fit.purchases, spend: nil, lifetimeValue: clv)
        #expect(alone.map(Self.figures) == storedAlone.map(Self.figures))
        #expect(alone.allSatisfy { $0.clv12Months == nil && $0.expectedOrderValue == nil })
    }
}
