import Model

/// What `retention sample` generates.
public struct SampleOptions: Sendable {
    /// Number of customers (accounts). Customers sign up over the whole window, more of them
    /// each month (about 3.5 % monthly growth, with seasonality), so with the default 30 months
    /// the last month has roughly 2.5× the signups of the first.
    ///
    /// Size (measured, seed 42): about 1 kB of CSV per customer in all; invoices.csv gets about
    /// 7.1 rows per customer with 24 months and 8.3 with 30, since customers only exist from
    /// their signup inside the window. So 1 200 customers ≈ 1.2 MB in all, 500 000 customers
    /// over 24 months ≈ 3.6 M invoice rows (170 MB), and 1 400 000 ≈ 9.9 M rows (474 MB).
    public var customers: Int = 1200
    /// Seed of the generator. Same options → byte-identical files.
    public var seed: UInt64 = 42
    /// Last day of the data ("today" of the demo company); nothing is dated after it.
    public var endDay: Day = Day(iso: "2026-11-20")!
    /// Length of the window in calendar months, counting the month of `endDay` (which ends at
    /// `endDay`). The realism assumptions (tenure-dependent churn, quarterly NPS, annual
    /// renewals) are tuned for 24 months or more; any value from 1 is accepted.
    public var months: Int = 30
    /// Write invoices.csv (the largest file by far).
    public var invoices: Bool = true
    /// Include the small fixed set of deliberately messy rows documented on `SampleExport`.
    public var messyRows: Bool = true

    public init(customers: Int = 1200, seed: UInt64 = 42, endDay: Day = Day(iso: "2026-11-20")!,
                months: Int = 30, invoices: Bool = true, messyRows: Bool = true) {
        self.customers = customers
        self.seed = seed
        self.endDay = endDay
        self.months = months
        self.invoices = invoices
        self.messyRows = messyRows
    }
}
