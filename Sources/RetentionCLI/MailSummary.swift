import Model
import Mustache
import Publishing
import Report

/// The `--eml` message: a short HTML and plain-text summary (headlines and KPI table, no SVG,
/// which mail clients block) rendered from `email.mustache` / `email-text.mustache` with the
/// report's own context, and the full report attached.
enum MailSummary {
    /// `--eml` needs `--from` and at least one `--to`, each a mailbox (`r@acme.example` or
    /// `Reports <r@acme.example>`), and a `--subject` on one line: all checked before any work
    /// is done or any file written.
    @discardableResult
    static func checkArguments(_ args: ParsedArguments) throws -> (from: MailAddress, to: [MailAddress]) {
        guard let fromText = args.value("from") else { throw UsageError.conflict("--eml needs --from ADDRESS") }
        guard !args.all("to").isEmpty else { throw UsageError.conflict("--eml needs at least one --to ADDRESS") }
        func mailbox(_ text: String, option: String) throws -> MailAddress {
            do {
                return try MailAddress(parsing: text)
            } catch {
                throw CommandFailure(message: "retention: error: --\(option): \(error)", status: .usage)
            }
        }
        let from = try mailbox(fromText, option: "from")
        let to = try args.all("to").map { try mailbox($0, option: "to") }
        if let subject = args.value("subject"),
           subject.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw CommandFailure(message: "retention: error: --subject: \(MailMessageError.lineBreakInHeader(field: "subject"))",
                                 status: .usage)
        }
        return (from, to)
    }

    static func write(report: RetentionReport, html: [UInt8], settings: ReportSettings, asOf: Day,
                      args: ParsedArguments, to path: String) throws {
        let (from, recipients) = try checkArguments(args)
        let defaults = try TemplateLocator.defaultDirectory()
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
                from: from, to: recipients, subject: subject,
                date: MailDate(isoDay: asOf.description)!, plainText: textBody, html: htmlBody,
                attachment: .init(filename: "retention-\(week).html", bytes: html))
        } catch {
            throw CommandFailure(message: "retention: error: \(error)", status: .usage)
        }
        try Files.write(message.rendered(), to: path)
    }
}
