import Testing
import Model
@testable import Ingest

@Suite struct MinorUnitsTests {
    @Test func exponentsFollowISO4217() {
        #expect(MinorUnits.exponent("JPY") == 0)
        #expect(MinorUnits.exponent("usd") == 2)
        #expect(MinorUnits.exponent("BHD") == 3)
        #expect(MinorUnits.exponent("CLF") == 4)
        #expect(MinorUnits.exponent(nil) == 2)
        #expect(MinorUnits.majorUnits(1999, currency: "JPY") == 1999)
        #expect(MinorUnits.majorUnits(1999, currency: "USD") == 19.99)
        #expect(MinorUnits.majorUnits(1999, currency: "BHD") == 1.999)
    }

    @Test func headersSayWhenAmountsAreMinorUnits() {
        for header in ["subscription_unit_amount_in_cents", "amount_in_cents", "Amount (in cents)", "total_cents",
                       "unit_amount", "amount_paid", "Total (minor units)"] {
            #expect(MinorUnits.isMinorUnitHeader(header), "\(header)")
        }
        for header in ["Amount", "Unit Amount", "Amount Paid", "Discount percents", "Total"] {
            #expect(!MinorUnits.isMinorUnitHeader(header), "\(header)")
        }
    }

    /// Recurly subscriptions: `subscription_unit_amount_in_cents` per currency.
    @Test func recurlyCentsAreScaledByTheCurrencyExponent() throws {
        let dir = FixtureDirectory()
        let subs = dir.write("subscriptions_export.csv", """
        uuid,account_code,plan_code,subscription_unit_amount_in_cents,currency,quantity,subscription_activated_at,state
        s1,acct-1,pro,4900,USD,1,2024-01-01,active
        s2,acct-2,pro,5000,JPY,1,2024-01-01,active
        s3,acct-3,pro,12500,BHD,2,2024-01-01,active

        """)
        var options = IngestOptions(rates: ["JPY": 0.01, "BHD": 2], reportCurrency: "USD")
        try options.addMapping("subscriptions.customer=account_code")
        try options.addMapping("subscriptions.amount=subscription_unit_amount_in_cents")
        try options.addMapping("subscriptions.start=subscription_activated_at")
        let data = try DatasetLoader.load(InputFiles(subscriptions: subs), options: options)
        // 4900 ¢ = $49.00; ¥5000 (0 decimals) × 0.01 = $50.00; 12500 fils = 12.500 BHD × 2 seats × 2 = $50.00.
        #expect(data.subscriptions.map(\.mrr) == [49, 50, 50])
        #expect(accounting(data, "subscriptions")?.warnings == [
            "amounts in \"subscription_unit_amount_in_cents\" are in the currency's minor unit (cents): each is divided "
                + "by 10 to the power of the currency's ISO 4217 decimals (100 for USD or EUR, 1 for JPY, 1000 for BHD)",
        ])
    }

    /// Stripe API-style invoices: `amount_paid` is an integer in the smallest currency unit.
    @Test func stripeIntegerAmountsInOrders() throws {
        let dir = FixtureDirectory()
        let orders = dir.write("invoices.csv", """
        id,customer,created,amount_paid,currency,status
        in_1,cus_A,2024-01-05,1999,usd,paid
        in_2,cus_B,2024-01-06,1999,jpy,paid
        in_3,cus_A,2024-02-05,250,usd,paid

        """)
        let data = try DatasetLoader.load(InputFiles(orders: orders),
                                          options: IngestOptions(rates: ["JPY": 0.01], reportCurrency: "USD"))
        // cus_A (customer 0): $19.99, $2.50; cus_B (customer 1): ¥1999 × 0.01 = $19.99.
        #expect(Array(data.orders.amounts(of: 0)) == [19.99, 2.5])
        let yen = Array(data.orders.amounts(of: 1))
        #expect(yen.count == 1 && abs(yen[0] - 19.99) < 1e-9)
        #expect(accounting(data, "orders")?.warnings.first?.hasPrefix("amounts in \"amount_paid\" are in the currency's minor unit") == true)
    }

    @Test func majorUnitColumnsAreLeftAlone() throws {
        let dir = FixtureDirectory()
        let orders = dir.write("invoices.csv", "Invoice ID,Customer ID,Date,Amount,Currency\nI1,C1,2024-01-05,1999,JPY\nI2,C1,2024-01-06,19.99,USD\n")
        let data = try DatasetLoader.load(InputFiles(orders: orders), options: IngestOptions(rates: ["JPY": 0.01], reportCurrency: "USD"))
        let amounts = Array(data.orders.amounts(of: 0))
        #expect(amounts.count == 2 && abs(amounts[0] - 19.99) < 1e-9 && amounts[1] == 19.99)
        #expect(accounting(data, "orders")?.warnings == [])
    }
}
