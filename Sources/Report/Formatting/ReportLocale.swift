/// How numbers, money and dates are written in the report. A small built-in table, not the
/// system locale: the same options must give the same bytes on every machine.
public struct ReportLocale: Sendable, Hashable {
    /// BCP 47 tag, also written to `<html lang>`.
    public let identifier: String
    public let decimalSeparator: String
    public let groupingSeparator: String
    /// Whether the currency symbol follows the amount (`1.234,56 €`) rather than preceding it.
    public let symbolAfterAmount: Bool
    public let percentWithSpace: Bool
    public let monthNames: [String]
    /// Long date order: true for "20 November 2026", false for "November 20, 2026".
    public let dayFirst: Bool

    public static let english = ReportLocale(
        identifier: "en", decimalSeparator: ".", groupingSeparator: ",", symbolAfterAmount: false,
        percentWithSpace: false,
        monthNames: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"],
        dayFirst: true)
    public static let americanEnglish = ReportLocale(
        identifier: "en-US", decimalSeparator: ".", groupingSeparator: ",", symbolAfterAmount: false,
        percentWithSpace: false, monthNames: english.monthNames, dayFirst: false)
    public static let german = ReportLocale(
        identifier: "de", decimalSeparator: ",", groupingSeparator: ".", symbolAfterAmount: true,
        percentWithSpace: true,
        monthNames: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                     "Oktober", "November", "Dezember"],
        dayFirst: true)
    public static let french = ReportLocale(
        identifier: "fr", decimalSeparator: ",", groupingSeparator: "\u{202F}", symbolAfterAmount: true,
        percentWithSpace: true,
        monthNames: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                     "octobre", "novembre", "décembre"],
        dayFirst: true)

    public static let all: [ReportLocale] = [english, americanEnglish, german, french]

    /// The locale with this identifier (`en`, `en-US`, `de`, `fr`), or nil.
    public static func named(_ identifier: String) -> ReportLocale? {
        all.first { $0.identifier.lowercased() == identifier.lowercased() }
    }
}
