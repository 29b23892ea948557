/// Free-text survey comments, by how the respondent scored.
///
/// One positive phrase contains double quotes and one negative phrase contains a line break
/// (`multiLinePhrase`), so quoted CSV fields with embedded quotes and newlines occur naturally.
/// Without messy rows the line break is replaced by a space.
enum SurveyComments {
    static let positive = [
        "Great product, the team loves it",
        "Onboarding was smooth and quick",
        "Support answered within minutes",
        "The new dashboard saves us hours every week",
        "Exactly what we needed",
        "Our CSM is fantastic",
        "Love the \"Smart Reports\" feature",
        "Reliable, fast and easy to use",
        "Would recommend to any team our size",
        "Integrations just work",
    ]
    static let neutral = [
        "Does the job",
        "Good overall, a bit pricey",
        "Reporting could be more flexible",
        "Fine, but the mobile app needs work",
        "Setup took longer than expected",
        "OK for now, evaluating options next year",
        "Would like more export formats",
    ]
    static let negative = [
        "Too expensive for what we use",
        "Missing the integrations we need",
        "Support took days to respond",
        "Too many bugs since the last release",
        "We are moving to another tool",
        "Hard to use, my team gave up",
        "Billing problems again this month",
        "Performance is terrible with large accounts",
    ]
    /// The one phrase with an embedded line break.
    static let multiLinePhrase = "Export keeps timing out.\nPlease fix before our renewal"

    /// The same complaint on one line, used when messy rows are off.
    static let singleLinePhrase = "Export keeps timing out. Please fix before our renewal"

    /// A comment for a score on a scale where `fraction` is the score's position (0 worst, 1 best).
    static func comment(fraction: Double, allowLineBreak: Bool, using rng: inout SeededGenerator) -> String {
        if fraction >= 0.75 { return rng.element(of: positive) }
        if fraction >= 0.5 { return rng.element(of: neutral) }
        // Drawn either way, so sets with and without messy rows differ only in this text.
        if rng.chance(0.08) { return allowLineBreak ? multiLinePhrase : singleLinePhrase }
        return rng.element(of: negative)
    }
}
