import Foundation
import Model
import Testing
@testable import Sample

/// Cross-file consistency of the generated set: the invariants ingest and metrics rely on.
@Suite("Sample consistency")
struct SampleConsistencyTests {
    /// `yyyy-MM-dd`, or the date part of the documented `yyyy-MM-ddTHH:mm:ssZ` variant.
    func createdDay(_ text: String) -> Day? {
        Day(iso: text.count == 20 ? String(text.prefix(10)) : text)
    }

    @Test func everyReferencedCustomerExistsExceptTheDocumentedUnknownOne() throws {
        let set = try standardSet.get()
        let ids = Set(set.rows("customers.csv").map { $0[0] })
        #expect(ids.count == 400)
        for file in ["subscriptions.csv", "invoices.csv", "tickets.csv"] {
            let unknown = set.rows(file).filter { !ids.contains($0[1]) }
            #expect(unknown.isEmpty, "\(file): \(unknown.prefix(3))")
        }
        let unknownSurveys = set.rows("surveys.csv").filter { !ids.contains($0[1]) }
        #expect(unknownSurveys.map { $0[1] } == ["C000401"])
    }

    @Test func customerIdsFollowCreatedDates() throws {
        let set = try standardSet.get()
        let rows = set.rows("customers.csv")
        #expect(rows.map { $0[0] } == (1...400).map { SampleExport.customerID($0) })
        let days = rows.compactMap { createdDay($0[2]) }
        #expect(days.count == 400)
        #expect(days == days.sorted())
        // Window: 30 months ending 2026-11-20 starts 2024-06-01.
        #expect(days.first! >= Day(iso: "2024-06-01")!)
        #expect(days.last! <= Day(iso: "2026-11-20")!)
    }

    @Test func signupsGrowOverTheWindow() throws {
        let rows = try standardSet.get().rows("customers.csv")
        let firstYear = rows.filter { $0[2] < "2025-06" }.count
        let lastYear = rows.filter { $0[2] >= "2025-11-21" }.count
        // 1.035^12 ≈ 1.51: the last twelve months must clearly outgrow the first twelve.
        #expect(Double(lastYear) > 1.3 * Double(firstYear), "first \(firstYear), last \(lastYear)")
    }

    @Test func cancellationsFollowCreationAndMatchSubscriptions() throws {
        let set = try standardSet.get()
        let subscriptionsByCustomer = Dictionary(grouping: set.keyed("subscriptions.csv"), by: { $0["Customer ID"]! })
        var cancelled = 0
        for customer in set.keyed("customers.csv") {
            let created = try #require(createdDay(customer["Created Date"]!))
            let subs = try #require(subscriptionsByCustomer[customer["Customer ID"]!])
            let last = subs.last!
            if customer["Status"] == "Cancelled" {
                cancelled += 1
                let cancelledOn = try #require(Day(iso: customer["Cancellation Date"]!))
                #expect(cancelledOn > created)
                #expect(last["Canceled At"] == customer["Cancellation Date"])
                #expect(["Price", "Missing feature", "Switched to competitor", "Business closed", "Poor support", "Payment failed"].contains(customer["Churn Reason"]!))
                #expect(customer["Churn Type"] == (customer["Churn Reason"] == "Payment failed" ? "involuntary" : "voluntary"))
            } else {
                #expect(customer["Status"] == "Active")
                #expect(customer["Cancellation Date"] == "" && customer["Churn Reason"] == "" && customer["Churn Type"] == "")
                #expect(last["Canceled At"] == "")
            }
            let lastLogin = try #require(Day(iso: customer["Last Login"]!))
            #expect(lastLogin >= created && lastLogin <= Day(iso: "2026-11-20")!)
        }
        // Some but not most customers have left.
        #expect(cancelled > 30 && cancelled < 200)
    }

    @Test func subscriptionsAreWellFormed() throws {
        let set = try standardSet.get()
        let list = ["Starter": 4_900, "Growth": 19_900]
        var trials = 0, annual = 0, planChanges = 0, reactivations = 0
        for (_, subs) in Dictionary(grouping: set.keyed("subscriptions.csv"), by: { $0["Customer ID"]! }) {
            for (i, s) in subs.enumerated() {
                let start = try #require(Day(iso: s["Start Date"]!))
                #expect(s["Currency"] == "USD")
                let cents = try #require(parseCents(s["Amount"]!))
                if let end = s["Canceled At"], !end.isEmpty {
                    #expect(try #require(Day(iso: end)) > start)
                }
                if s["Status"] == "trialing" {
                    trials += 1
                    #expect(cents == 0 && i == 0)
                    if let end = s["Canceled At"], !end.isEmpty { #expect(start.days(to: Day(iso: end)!) == 14) }
                } else {
                    #expect(["active", "canceled", "past_due"].contains(s["Status"]!))
                    if let monthly = list[s["Plan"]!] {
                        #expect(cents == (s["Billing Interval"] == "year" ? 10 * monthly : monthly))
                    }
                    if s["Billing Interval"] == "year" { annual += 1 }
                }
                if i > 0 {
                    let previousEnd = subs[i - 1]["Canceled At"]!
                    #expect(!previousEnd.isEmpty, "only the last subscription may be open")
                    if subs[i - 1]["Status"] != "trialing" {
                        if previousEnd == s["Start Date"] { planChanges += 1 } else { reactivations += 1 }
                    }
                    #expect(previousEnd <= s["Start Date"]!)
                }
            }
        }
        #expect(trials > 40 && annual > 20 && planChanges > 5 && reactivations > 0,
                "trials \(trials), annual \(annual), changes \(planChanges), reactivations \(reactivations)")
    }

    @Test func invoicesFallInsideSubscriptionPeriodsOnBillingAnniversaries() throws {
        let set = try standardSet.get()
        let subs = Dictionary(grouping: set.keyed("subscriptions.csv").filter { $0["Status"] != "trialing" },
                              by: { $0["Customer ID"]! })
        var refunds = 0
        var checked = 0
        for invoice in set.keyed("invoices.csv") {
            guard let day = Day(iso: invoice["Date"]!) else {
                #expect(invoice["Date"] == SampleExport.unparseableInvoiceDate)
                continue
            }
            let amount = try #require(parseCents(invoice["Amount"]!))
            #expect(invoice["Currency"] == "USD")
            #expect(day <= Day(iso: "2026-11-20")!)
            let owners = subs[invoice["Customer ID"]!] ?? []
            let covering = owners.filter { s in
                let start = Day(iso: s["Start Date"]!)!
                let end = s["Canceled At"]!.isEmpty ? nil : Day(iso: s["Canceled At"]!)
                return start <= day && (end.map { day < $0 } ?? true)
            }
            #expect(covering.count == 1, "\(invoice)")
            guard let sub = covering.first else { continue }
            let subCents = try #require(parseCents(sub["Amount"]!))
            if invoice["Status"] == "refunded" {
                refunds += 1
                #expect(amount == -subCents)
            } else {
                #expect(invoice["Status"] == "paid")
                #expect(amount == subCents)
                // Paid invoices fall on the billing anniversary (day of month of the start,
                // clamped to short months).
                let start = Day(iso: sub["Start Date"]!)!
                #expect(day.dayOfMonth == min(start.dayOfMonth, Day.daysInMonth(year: day.year, month: day.month)))
            }
            checked += 1
        }
        #expect(checked > 1000)
        #expect(refunds >= 1)
    }

    @Test func monthlySubscriptionsAreInvoicedEveryMonthUntilTheyEnd() throws {
        let set = try standardSet.get()
        let invoiceDays = Dictionary(grouping: set.keyed("invoices.csv").filter { $0["Status"] == "paid" },
                                     by: { $0["Customer ID"]! })
        // An open monthly subscription is the customer's last one, so every paid invoice from
        // its start date on is its own: exactly one per anniversary from start to 2026-11-20.
        for s in set.keyed("subscriptions.csv") where s["Billing Interval"] == "month" && s["Status"] == "active" {
            let start = Day(iso: s["Start Date"]!)!
            var expected = 0
            var d = start
            while d <= Day(iso: "2026-11-20")! { expected += 1; d = start.addingMonths(expected) }
            let got = (invoiceDays[s["Customer ID"]!] ?? []).filter { $0["Date"]! >= s["Start Date"]! && $0["Amount"] == s["Amount"] }.count
            #expect(got == expected, "\(s["Subscription ID"]!)")
        }
    }

    @Test func churnedCustomersGaveLowerNPSThanRetainedOnes() throws {
        let set = try standardSet.get()
        var status: [String: String] = [:]
        for c in set.keyed("customers.csv") { status[c["Customer ID"]!] = c["Status"]! }
        var churned: [Double] = [], retained: [Double] = []
        for r in set.keyed("surveys.csv") where r["Survey"] == "NPS" {
            let score = try #require(Double(r["Score"]!))
            #expect((0...10).contains(score))
            switch status[r["Customer ID"]!] {
            case "Cancelled": churned.append(score)
            case "Active": retained.append(score)
            default: break
            }
        }
        let churnedMean = churned.reduce(0, +) / Double(churned.count)
        let retainedMean = retained.reduce(0, +) / Double(retained.count)
        #expect(churned.count > 20 && retained.count > 100)
        #expect(churnedMean + 1 < retainedMean, "churned \(churnedMean), retained \(retainedMean)")
    }

    @Test func atRiskAccountsFileMoreTicketsAndLogInLessRecently() throws {
        let set = try standardSet.get()
        var customers: [String: [String: String]] = [:]
        for c in set.keyed("customers.csv") { customers[c["Customer ID"]!] = c }
        // Tickets in the 150 days before a cancellation vs. in the last 150 days of active accounts.
        var beforeChurn = 0, cancelledCount = 0, recentActive = 0, activeCount = 0
        let end = Day(iso: "2026-11-20")!
        let byCustomer = Dictionary(grouping: set.keyed("tickets.csv"), by: { $0["Customer ID"]! })
        for (id, c) in customers {
            let tickets = (byCustomer[id] ?? []).compactMap { Day(iso: String($0["Created At"]!.prefix(10))) }
            if let cancelled = Day(iso: c["Cancellation Date"]!), createdDay(c["Created Date"]!)!.days(to: cancelled) >= 150 {
                cancelledCount += 1
                beforeChurn += tickets.filter { $0 < cancelled && $0.days(to: cancelled) <= 150 }.count
            } else if c["Status"] == "Active", createdDay(c["Created Date"]!)!.days(to: end) >= 150 {
                activeCount += 1
                recentActive += tickets.filter { $0.days(to: end) < 150 }.count
            }
        }
        #expect(Double(beforeChurn) / Double(cancelledCount) > Double(recentActive) / Double(activeCount))
        let activeStale = customers.values.filter { $0["Status"] == "Active" }
            .map { Day(iso: $0["Last Login"]!)!.days(to: end) }
        // Most active accounts logged in within the last week; a minority are stale.
        #expect(activeStale.filter { $0 <= 7 }.count * 2 > activeStale.count)
        #expect(activeStale.contains { $0 > 30 })
    }

    @Test func ticketsHaveOrderedTimesAndKnownValues() throws {
        let set = try standardSet.get()
        for t in set.keyed("tickets.csv") {
            let created = t["Created At"]!, response = t["First Response At"]!, solved = t["Solved At"]!
            #expect(isDateTime(created))
            #expect(["low", "normal", "high", "urgent"].contains(t["Priority"]!))
            switch t["Status"]! {
            case "open": #expect(response.isEmpty && solved.isEmpty)
            case "pending": #expect(isDateTime(response) && solved.isEmpty)
            case "solved", "closed": #expect(isDateTime(response) && isDateTime(solved))
            default: Issue.record("unknown status \(t["Status"]!)")
            }
            if !response.isEmpty { #expect(created < response) }
            if !solved.isEmpty { #expect(response < solved && solved < "2026-11-21") }
        }
    }

    @Test func surveysUseTheirScalesAndSomeCarryComments() throws {
        let set = try standardSet.get()
        let ranges: [String: ClosedRange<Int>] = ["NPS": 0...10, "CSAT": 1...5, "CES": 1...7]
        var kinds: [String: Int] = [:]
        for r in set.keyed("surveys.csv") {
            let range = try #require(ranges[r["Survey"]!])
            #expect(range.contains(Int(r["Score"]!)!))
            #expect(isDateTime(r["Submitted At"]!) && r["Submitted At"]! < "2026-11-21")
            kinds[r["Survey"]!, default: 0] += 1
        }
        #expect(kinds.count == 3)
        let comments = set.keyed("surveys.csv").compactMap { $0["Comment"] }.filter { !$0.isEmpty }
        #expect(Set(comments).count >= 15)
        #expect(comments.contains { $0.contains("\"") })
    }

    @Test func companyNamesNeedingQuotesAreQuoted() throws {
        let set = try standardSet.get()
        let names = set.rows("customers.csv").map { $0[1] }
        #expect(names.contains { $0.contains(",") })
        #expect(names.contains { $0.unicodeScalars.contains { $0.value > 127 } })
        // Every name with a comma is written quoted in the raw file.
        let raw = set.files["customers.csv"]!
        for name in names where name.contains(",") {
            #expect(raw.contains(",\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\","))
        }
    }

    func parseCents(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let whole = Int(parts[0]), let fraction = Int(parts[1]) else { return nil }
        return text.hasPrefix("-") ? whole * 100 - fraction : whole * 100 + fraction
    }

    func isDateTime(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 19, b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A,
              Day(iso: String(text.prefix(10))) != nil,
              let h = Int(String(text.dropFirst(11).prefix(2))), let m = Int(String(text.dropFirst(14).prefix(2))),
              let s = Int(String(text.suffix(2))) else { return false }
        return h < 24 && m < 60 && s < 60
    }
}
