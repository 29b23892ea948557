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

    /// Numbers out of their documented range used to trap on conversion to Int (rc 132): each is
    /// now refused with the key's full name and the range.
    @Test func outOfRangeNumbersAreRefusedNamingTheKeyAndTheRange() {
        let cases: [(String, String)] = [
            (#"{"inactivity_days": 1e300}"#, "key \"inactivity_days\": expected a whole number of days from 1 to 3650"),
            (#"{"inactivity_days": 3651}"#, "key \"inactivity_days\": expected a whole number of days from 1 to 3650"),
            (#"{"inactivity_days": 90.5}"#, "key \"inactivity_days\": expected a whole number of days from 1 to 3650"),
            (#"{"health": {"amber_from": 1e300}}"#, "key \"health.amber_from\": expected a whole number of points from 0 to 100"),
            (#"{"health": {"amber_from": -1e300}}"#, "key \"health.amber_from\": expected a whole number of points from 0 to 100"),
            (#"{"health": {"green_from": 75.5}}"#, "key \"health.green_from\": expected a whole number of points from 0 to 100"),
            (#"{"health": {"rules": {"NPS": 1e308}}}"#, "key \"health.rules.NPS\": expected points from 0 to 100"),
            (#"{"support": {"first_response_hours": {"urgent": 1e16}}}"#,
             "key \"support.first_response_hours.urgent\": expected hours from 0.01 to 8760 (one year)"),
            (#"{"support": {"resolution_hours": {"low": 0}}}"#,
             "key \"support.resolution_hours.low\": expected hours from 0.01 to 8760 (one year)"),
            (#"{"rates": {"EUR": 1e308}}"#, "key \"rates.EUR\": expected a rate from 0.000001 to 1000000"),
            (#"{"rates": {"EUR": 0}}"#, "key \"rates.EUR\": expected a rate from 0.000001 to 1000000"),
            (#"{"rates": {"EUR": -1.08}}"#, "key \"rates.EUR\": expected a rate from 0.000001 to 1000000"),
            (#"{"rates": {"EUR": 1e-300}}"#, "key \"rates.EUR\": expected a rate from 0.000001 to 1000000"),
            (#"{"rates": {"EURO": 1.08}}"#, "key \"rates.EURO\": expected a three-letter currency code"),
            (#"{"gross_margin": 1e300}"#, "key \"gross_margin\": expected a fraction between 0 and 1, e.g. 0.8"),
        ]
        for (config, expected) in cases { #expect(failure(config: config) == expected, "\(config)") }
        // The edges are accepted: 3650 days, 8760 hours (8760 × 3600 = 31 536 000 s), rate 0.000001.
        let edge = try? settings(config: #"{"inactivity_days": 3650, "support": {"resolution_hours": {"low": 8760}}, "rates": {"XAF": 0.000001}}"#)
        #expect(edge?.inactivityDays == 3650)
        #expect(edge?.support.resolutionTargets[.low] == 31_536_000)
        #expect(edge?.ingest.rates["XAF"] == 0.000001)
    }

    @Test func commandLineRatesHaveTheSameRange() {
        for value in ["USD=inf", "USD=nan", "USD=1e308", "USD=0", "USD=-2", "USD=1e-9", "U$D=1.1"] {
            #expect(throws: UsageError.self, "\(value)") {
                _ = try ReportSettings(ParsedArguments(["--rate", value], spec: ReportCommand.spec))
            }
        }
        let ok = try? ReportSettings(ParsedArguments(["--rate", "usd=1000000"], spec: ReportCommand.spec))
        #expect(ok?.ingest.rates == ["USD": 1_000_000])
    }

    /// A seeded random search over configurations built from the real keys and hostile values
    /// (±1e308, 1e-300, 0, -1, fractions, huge and tiny exponents, wrong types): every one is
    /// either accepted or refused with a message naming a key; none may trap. 1 000 configs.
    @Test func randomHostileConfigurationsNeverTrap() {
        var state: UInt64 = 0x5EED_1234_ABCD
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let numbers = ["1e308", "-1e308", "1e-300", "0", "-1", "0.5", "1", "3650", "3651", "100", "101", "1e16",
                       "8760", "8760.01", "9007199254740993", "-0", "51", "76", "2.5e3", "1E400", "-1E400"]
        let others = ["\"x\"", "true", "null", "[]", "{}", "[1e308]"]
        func value() -> String { next(4) == 0 ? others[next(others.count)] : numbers[next(numbers.count)] }
        let ruleNames = ["NPS", "CSAT", "Open tickets", "Overdue tickets", "Revenue trend", "Recency", "Tenure", "Bogus"]
        let priorities = ["low", "normal", "high", "urgent", "never"]
        for _ in 0..<1_000 {
            var parts: [String] = []
            if next(2) == 0 { parts.append("\"inactivity_days\": \(value())") }
            if next(2) == 0 { parts.append("\"gross_margin\": \(value())") }
            if next(2) == 0 { parts.append("\"rates\": {\"EUR\": \(value()), \"JPY\": \(value())}") }
            if next(2) == 0 {
                let rules = (0..<next(4)).map { _ in "\"\(ruleNames[next(ruleNames.count)])\": \(value())" }
                parts.append("\"health\": {\"amber_from\": \(value()), \"green_from\": \(value()), \"rules\": {"
                    + rules.joined(separator: ", ") + "}}")
            }
            if next(2) == 0 {
                let hours = (0..<next(3)).map { _ in "\"\(priorities[next(priorities.count)])\": \(value())" }
                parts.append("\"support\": {\"first_response_hours\": {" + hours.joined(separator: ", ") + "}, "
                    + "\"resolution_hours\": {\"urgent\": \(value())}}")
            }
            let config = "{" + parts.joined(separator: ", ") + "}"
            let result = failure(config: config)
            #expect(result == "no error" || result.hasPrefix("key \"") || result.hasPrefix("error: ")
                    || result.hasSuffix("is out of range") || result.contains("health"), "\(config) → \(result)")
        }
    }
}
