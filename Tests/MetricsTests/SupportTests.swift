import Testing
import Model
@testable import Metrics

private enum SupportFixture {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }
    static func at(_ iso: String, _ hours: Double = 0) -> Instant {
        Instant(secondsSince1970: Instant(day: day(iso)).secondsSince1970 + Int64(hours * 3_600))
    }
    static func ticket(_ id: String, _ created: Instant, response: Double? = nil, resolved: Double? = nil,
                       _ priority: TicketPriority = .normal, status: String = "open") -> SupportTicket {
        let plus = { (h: Double) in Instant(secondsSince1970: created.secondsSince1970 + Int64(h * 3_600)) }
        return SupportTicket(id: id, customer: 0, created: created, firstResponse: response.map(plus),
                             resolved: resolved.map(plus), priority: priority,
                             status: resolved == nil ? status : "solved")
    }

    // Default targets: first response urgent 1 h, high 4 h, normal 24 h, low 48 h;
    // resolution urgent 24 h, high 72 h, normal 120 h, low 240 h. asOf 2024-03-15 → cutoff 03-16 00:00.
    static let tickets: [SupportTicket] = [
        // February.
        ticket("T1", at("2024-02-01", 9), response: 2, resolved: 10),
        ticket("T2", at("2024-02-02", 9), response: 30, resolved: 100),
        ticket("T3", at("2024-02-03"), response: 0.5, resolved: 30, .urgent),
        ticket("T4", at("2024-02-10"), response: 5, resolved: 50, .high),
        ticket("T5", at("2024-02-20"), response: 12, .low, status: "solved"),  // solved, no resolution time
        // March.
        ticket("T6", at("2024-03-14", 12)),                                     // open 36 h, no reply
        ticket("T7", at("2024-03-10"), response: 0.25, .urgent),                // open 144 h
        ticket("T8", at("2024-03-15", 20), .low),                               // open 4 h, no reply
        ticket("T9", at("2024-03-01"), response: 1, resolved: 19 * 24),         // resolved 03-20: after asOf
        ticket("T10", at("2024-03-16", 1), response: 1),                        // created after asOf
        ticket("T11", at("2024-03-05"), response: -2),                          // reply before creation
    ]
    static let dataset = Dataset(customers: [Customer(id: "C0", signup: day("2023-01-01"))], tickets: tickets)
    static let configuration = MetricsConfiguration(asOf: day("2024-03-15"))
}

@Suite struct SupportTests {
    @Test func volumePerPeriodCountsCreatedAndResolved() {
        let sla = SupportSLA.compute(SupportFixture.dataset, SupportFixture.configuration)
        #expect(sla.periods.map(\.period.label) == ["2024-02", "2024-03"])
        // Feb: T1–T5 created; T1–T4 resolved in Feb. Mar: T6–T9 (T10 after asOf, T11 invalid);
        // nothing resolved by asOf (T9's resolution is on 03-20).
        #expect(sla.periods.map(\.tickets) == [5, 4])
        #expect(sla.periods.map(\.resolved) == [4, 0])
        #expect(sla.afterAsOf == 1 && sla.invalidTimestamps == 1)
    }

    @Test func firstResponsePercentilesUseLinearInterpolation() throws {
        let feb = SupportSLA.compute(SupportFixture.dataset, SupportFixture.configuration).periods[0]
        // Hours 2, 30, 0.5, 5, 12 → sorted 0.5, 2, 5, 12, 30. Median: h = 4·0.5 = 2 → 5.
        // p90: h = 4·0.9 = 3.6 → 12 + 0.6·(30 − 12) = 22.8.
        #expect(feb.firstResponse.count == 5)
        #expect(feb.firstResponse.medianHours == 5)
        #expect(abs(try #require(feb.firstResponse.p90Hours) - 22.8) < 1e-9)
        // Resolution 10, 100, 30, 50 → 10, 30, 50, 100: median (30 + 50)/2 = 40; p90 h = 2.7 → 50 + 0.7·50 = 85.
        #expect(feb.resolution.medianHours == 40)
        #expect(abs(try #require(feb.resolution.p90Hours) - 85) < 1e-9)
    }

    @Test func nearestRankPercentilesAreObservedDurations() {
        var support = SupportConfiguration()
        support.percentileMethod = .nearestRank
        let feb = SupportSLA.compute(SupportFixture.dataset, SupportFixture.configuration, support: support).periods[0]
        // 0.5, 2, 5, 12, 30: median rank ⌈2.5⌉ = 3 → 5; p90 rank ⌈4.5⌉ = 5 → 30.
        #expect(feb.firstResponse.medianHours == 5 && feb.firstResponse.p90Hours == 30)
    }

    @Test func breachRatesAgainstPriorityTargets() throws {
        let sla = SupportSLA.compute(SupportFixture.dataset, SupportFixture.configuration)
        let feb = sla.periods[0], mar = sla.periods[1]
        // Feb first response: T1 2 ≤ 24 met, T2 30 > 24 breached, T3 0.5 ≤ 1 met, T4 5 > 4 breached,
        // T5 12 ≤ 48 met → 2 of 5 = 0.4.
        #expect(feb.firstResponseSLA.met == 3 && feb.firstResponseSLA.breached == 2)
        #expect(feb.firstResponseSLA.breachRate == 0.4)
        // Feb resolution: T1 10 ≤ 120, T2 100 ≤ 120, T4 50 ≤ 72 met; T3 30 > 24 breached;
        // T5 solved without a time: not measured → 1 of 4 = 0.25.
        #expect(feb.resolutionSLA.met == 3 && feb.resolutionSLA.breached == 1 && feb.resolutionSLA.pending == 0)
        #expect(feb.resolutionSLA.breachRate == 0.25)
        // Mar first response: T6 waiting 36 h > 24 breached; T7 0.25 ≤ 1 met; T8 waiting 4 h < 48 pending;
        // T9 1 ≤ 24 met → 1 of 3.
        #expect(mar.firstResponseSLA.met == 2 && mar.firstResponseSLA.breached == 1 && mar.firstResponseSLA.pending == 1)
        #expect(abs(try #require(mar.firstResponseSLA.breachRate) - 1.0 / 3) < 1e-12)
        // Mar resolution: none resolved by asOf → no durations; T7 open 144 h > 24 and T9 open 360 h > 120
        // breached; T6 (36 h) and T8 (4 h) pending → 2 of 2.
        #expect(mar.resolution.count == 0 && mar.resolution.medianHours == nil && mar.resolution.p90Hours == nil)
        #expect(mar.resolutionSLA.breached == 2 && mar.resolutionSLA.pending == 2 && mar.resolutionSLA.breachRate == 1)
    }

    @Test func backlogAtAsOfCountsOpenAndOverdue() {
        let backlog = SupportSLA.compute(SupportFixture.dataset, SupportFixture.configuration).backlog
        // Open at the end of 03-15: T6, T7, T8, T9 (T9 is resolved only on 03-20; T5 is solved).
        // Overdue (open beyond the resolution target): T7 144 h > 24, T9 360 h > 120 → 2.
        // Awaiting a first response: T6, T8; of which beyond target: T6 (36 h > 24) → 1.
        #expect(backlog.open == 4 && backlog.overdue == 2)
        #expect(backlog.awaitingFirstResponse == 2 && backlog.firstResponseOverdue == 1)
    }

    @Test func priorityRowsRunFromUrgentToLow() throws {
        let rows = SupportSLA.compute(SupportFixture.dataset, SupportFixture.configuration).byPriority
        #expect(rows.map(\.priority) == [.urgent, .high, .normal, .low])
        // Urgent: T3 and T7, first responses 0.5 h and 0.25 h → median 0.375.
        #expect(rows[0].statistics.tickets == 2 && rows[0].statistics.firstResponse.medianHours == 0.375)
        #expect(rows[0].firstResponseTargetHours == 1 && rows[0].resolutionTargetHours == 24)
        // Normal: T1, T2, T6, T9.
        #expect(rows[2].statistics.tickets == 4)
    }

    @Test func noTicketsGivesEmptyPeriodsAndNilRates() {
        let sla = SupportSLA.compute(Dataset(), SupportFixture.configuration)
        #expect(sla.periods.isEmpty && sla.byPriority.isEmpty)
        #expect(sla.overall.firstResponse.medianHours == nil && sla.overall.firstResponseSLA.breachRate == nil)
        #expect(sla.backlog.open == 0)
    }
}
