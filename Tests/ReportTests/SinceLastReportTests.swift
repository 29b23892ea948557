import Testing
import Mustache
@testable import Report

@Suite struct SinceLastReportTests {
    let previous: MustacheValue = [
        "as_of": "2026-11-13",
        "headline": ["MRR": "$9,800", "Logo churn": "2.0%"],
        "health": [["customer": "C1", "status": "green"], ["customer": "C2", "status": "amber"],
                   ["customer": "C3", "status": "red"], ["customer": "C4", "status": "green"]],
        "churn": [["period": "2026-09", "active_start": 100, "churned": 2, "incomplete": false],
                  ["period": "2026-10", "active_start": 98, "churned": 18, "incomplete": false],
                  ["period": "2026-11", "active_start": 80, "churned": 1, "incomplete": true]],
        "mrr": [["period": "2026-10", "end": 8000.0, "incomplete": false],
                ["period": "2026-11", "end": 7900.0, "incomplete": true]],
    ]
    let current: MustacheValue = [
        "as_of": "2026-11-20",
        "headline": ["MRR": "$7,800", "Logo churn": "20.4%", "NPS": "31"],
        "health": [["customer": "C1", "status": "red"], ["customer": "C2", "status": "green"],
                   ["customer": "C3", "status": "red"], ["customer": "C4", "status": "amber"],
                   ["customer": "C5", "status": "red"]],
        "churn": [["period": "2026-09", "active_start": 100, "churned": 2, "incomplete": false],
                  ["period": "2026-10", "active_start": 98, "churned": 20, "incomplete": false],
                  ["period": "2026-11", "active_start": 78, "churned": 3, "incomplete": true]],
        "mrr": [["period": "2026-10", "end": 7800.0, "incomplete": false],
                ["period": "2026-11", "end": 7600.0, "incomplete": true]],
    ]

    @Test func findsKPIChangesHealthMovesAndRestatedPeriods() throws {
        let comparison = try #require(SinceLastReport(previous: previous, current: current))
        #expect(comparison.previousAsOf == "2026-11-13")
        // Only figures both reports have; labels sorted.
        #expect(comparison.kpis.map { "\($0.label): \($0.previous) → \($0.current)" }
                == ["Logo churn: 2.0% → 20.4%", "MRR: $9,800 → $7,800"])
        // C3 stayed red, C5 is new: neither changed colour. Worst news (now red) first.
        #expect(comparison.healthChanges == [
            .init(customer: "C1", from: "green", to: "red"), .init(customer: "C4", from: "green", to: "amber"),
            .init(customer: "C2", from: "amber", to: "green"),
        ])
        // October was complete in the previous report and changed; November was incomplete then.
        #expect(comparison.restatements == [
            .init(period: "2026-10", measure: "Customers churned", before: 18, after: 20),
            .init(period: "2026-10", measure: "MRR at end", before: 8000, after: 7800),
        ])
    }

    @Test func aReportIsOnlyComparedWithAnOlderOne() {
        #expect(SinceLastReport(previous: current, current: previous) == nil)
        #expect(SinceLastReport(previous: current, current: current) == nil)
        #expect(SinceLastReport(previous: "not a document", current: current) == nil)
    }

    @Test func rendersTheRestatementTable() throws {
        let comparison = try #require(SinceLastReport(previous: previous, current: current))
        guard case .object(let o) = comparison.context(format: ReportFormatter(), customerName: { "Name of \($0)" }),
              case .object(let table)? = o["restatements"], case .list(let rows)? = table["rows"] else {
            Issue.record("no restatements table")
            return
        }
        #expect(rows.last == .object(["header": "2026-10", "class": "", "cells": [
            ["text": "MRR at end", "class": ""], ["text": "$8,000.00", "class": ""], ["text": "$7,800.00", "class": ""],
            ["text": "−$200.00", "class": ""],
        ]]))
        #expect(o["has_health_changes"] == true)
    }
}

/// Metrics files now carry health as colour → customer ids (`health.statuses`); files written
/// before carry a per-customer `health` list. Either compares the same way.
@Suite struct SinceLastReportHealthFormatTests {
    @Test func statusListsAndTheOlderPerCustomerListGiveTheSameChanges() throws {
        let previous: MustacheValue = [
            "as_of": "2026-11-13",
            "health": [["customer": "C1", "status": "green"], ["customer": "C2", "status": "amber"],
                       ["customer": "C4", "status": "green"]],
        ]
        let health: MustacheValue = ["green": 1, "amber": 1, "red": 2,
                                     "statuses": ["green": ["C2"], "amber": ["C4"], "red": ["C1", "C5"]]]
        let current: MustacheValue = ["as_of": "2026-11-20", "health": health]
        let comparison = try #require(SinceLastReport(previous: previous, current: current))
        #expect(comparison.healthChanges == [
            .init(customer: "C1", from: "green", to: "red"), .init(customer: "C4", from: "green", to: "amber"),
            .init(customer: "C2", from: "amber", to: "green"),
        ])
        let both = try #require(SinceLastReport(previous: ["as_of": "2026-11-13", "health": health] as MustacheValue,
                                                current: current))
        #expect(both.healthChanges.isEmpty)
    }
}
