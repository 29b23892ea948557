import Model
import Mustache
import Publishing
import Report

/// The `--eml` message: a short HTML and plain-text summary (headlines and KPI table, no SVG,
/// which mail clients block) rendered from `email.mustache` / `email-text.mustache` with the
/// report's own context, and the full report attached.
enum MailSummary {
    /// `--eml` needs `--from` and at least one `--to`: checked before any work is done.
    static func checkArguments(_ args: ParsedArguments) throws {
        guard args.value("from") != nil else { throw UsageError.conflict("--eml needs --from ADDRESS") }
        guard !args.all("to").isEmpty else { throw UsageError.conflict("--eml needs at least one --to ADDRESS") }
    }

    static func write(report: RetentionReport, html: [UInt8], settings: ReportSettings, asOf: Day,
                      args: ParsedArguments, to path: String) throws {
        try checkArguments(args)
        let from = args.value("from")!
        let recipients = args.all("to")
        guard let defaults = TemplateLocator.defaultDirectory() else {
            throw CommandFailure(message: "retention: error: the default templates were not found", status: .templateError)
        }
        let renderer = ReportRenderer(userTemplates: settings.templates, defaultTemplates: defaults)
        let htmlBody: String
        let textBody: String
        do {
            htmlBody = try renderer.render(report.context, templateNamed: "email")
            textBody = try renderer.render(report.context, templateNamed: "email-text")
        } catch {
            throw CommandFailure(message: error.description, status: .templateError)
        }
        let week = PeriodCalendar(.week).period(containing: asOf).label
        let subject = args.value("subject") ?? "\(settings.report.title) — \(asOf)"
        let message: MailMessage
        do {
            message = try MailMessage(
                from: MailAddress(from), to: recipients.map { MailAddress($0) }, subject: subject,
                date: MailDate(isoDay: asOf.description)!, plainText: textBody, html: htmlBody,
                attachment: .init(filename: "retention-\(week).html", bytes: html))
        } catch {
            throw CommandFailure(message: "retention: error: \(error)", status: .usage)
        }
        try Files.write(message.rendered(), to: path)
    }
}
