import Foundation
import Testing
import Metrics
import Model
@testable import RetentionCLI

@Suite struct ReportSettingsTests {
    func settings(config: String, _ extra: [String] = []) throws -> ReportSettings {
        let path = NSTemporaryDirectory() + "retention-config-\(UUID().uuidString).json"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return try ReportSettings(ParsedArguments(["--config", path] + extra, spec: ReportCommand.spec))
    }

    func failure(config: String) -> String {
        do {
            _ = try settings(config: config)
            return "no error"
        } catch let failure as CommandFailure {
            return failure.message.components(separatedBy: ": error: ").last ?? failure.message
        } catch {
            return "\(error)"
        }
    }

    @Test func configFileSetsEverythingAndOptionsWin() throws {
        let s = try settings(config: """
            {"title": "Acme", "period": "week", "week_start": "sunday", "cohort_by": "signup", "gross_margin": 0.8,
             "segments": ["plan"], "currency": "eur", "rates": {"USD": 0.92}, "locale": "de",
             "health": {"amber_from": 41, "green_from": 71,
                        "rules": {"NPS": 30, "CSAT": 0, "Open tickets": 10, "Overdue tickets": 10,
                                  "Revenue trend": 20, "Recency": 20, "Tenure": 10}},
             "support": {"first_response_hours": {"urgent": 0.5}, "resolution_hours": {"low": 100}}}
            """, ["--title", "From the command line"])
        #expect(s.report.title == "From the command line")
        #expect(s.granularity == .week && s.weekStart == .sunday && s.cohortBasis == .signup)
        #expect(s.grossMargin == 0.8 && s.segments == ["plan"])
        #expect(s.ingest.reportCurrency == "EUR" && s.ingest.rates == ["USD": 0.92])
        #expect(s.report.locale.identifier == "de")
        #expect(s.health.bands == HealthBands(amberFrom: 41, greenFrom: 71))
        // CSAT at 0 points is dropped; NPS takes its 10 points: 30 + 10 + 10 + 20 + 20 + 10 = 100.
        #expect(s.health.rules.map(\.name) == ["NPS", "Open tickets", "Overdue tickets", "Revenue trend", "Recency", "Tenure"])
        #expect(s.health.rules.first?.maxPoints == 30)
        #expect(s.support.firstResponseTargets[.urgent] == 1_800)
        #expect(s.support.resolutionTargets[.low] == 360_000)
        #expect(s.health.support == s.support)
    }

    /// CLV's annual discount rate: 10 % by default, from the config file, the option winning.
    @Test func discountRateFromConfigAndOption() throws {
        #expect(try settings(config: "{}").prediction.annualDiscountRate == 0.1)
        #expect(try settings(config: #"{"discount_rate": 0.08}"#).prediction.annualDiscountRate == 0.08)
        #expect(try settings(config: #"{"discount_rate": 0.08}"#, ["--discount-rate", "0.12"]).prediction.annualDiscountRate == 0.12)
        #expect(failure(config: #"{"discount_rate": 1.5}"#) == "key \"discount_rate\": expected an annual rate between 0 and 1, e.g. 0.1")
        #expect(throws: UsageError.invalidValue(option: "discount-rate", value: "10%", expected: "an annual rate between 0 and 1, e.g. 0.1")) {
            try settings(config: "{}", ["--discount-rate", "10%"])
        }
    }

    @Test func configMistakesNameTheKey() {
        #expect(failure(config: #"{"colour": "red"}"#).hasPrefix("unknown key \"colour\""))
        #expect(failure(config: #"{"period": "fortnight"}"#) == "key \"period\": expected day, week, month or quarter")
        #expect(failure(config: #"{"health": {"rules": {"Happiness": 10}}}"#).hasPrefix("key \"health.rules.Happiness\": expected one of the rule names NPS, CSAT"))
        #expect(failure(config: #"{"health": {"rules": {"NPS": 50}}}"#).contains("100"))
        #expect(failure(config: #"{"support": {"first_response_hours": {"whenever": 3}}}"#)
                == "key \"support.first_response_hours.whenever\": expected a priority: low, normal, high or urgent")
        #expect(failure(config: "[1, 2]") == "the configuration must be a JSON object")
    }
}
