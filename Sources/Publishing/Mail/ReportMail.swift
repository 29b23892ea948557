import MarkupText

extension ReportHeadline {
    /// The plain-text body of the report e-mail: title, as-of day, one `label: value` line per
    /// headline figure, and where the full report is.
    public func mailPlainText(attachmentName: String) -> String {
        var lines = [title, "As of \(asOf)", ""]
        lines += figures.map { "\($0.label): \($0.value)" }
        lines += ["", "The full report is attached: \(attachmentName)", ""]
        return lines.joined(separator: "\n")
    }

    /// The HTML body of the report e-mail: a short polyglot HTML document with the headline
    /// figures in a table (row headers), inline styles only (mail clients drop `<style>`), no SVG
    /// and no images, in the report's landmarks (`header`, `main`, `footer`). It passes
    /// ``ReportValidator``.
    public func mailHTML(attachmentName: String) -> String {
        let title = MarkupText.escaped(self.title)
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
            <head>
            <meta charset="utf-8" />
            <title>\(title)</title>
            </head>
            <body style="font-family: Arial, Helvetica, sans-serif; color: #1f2933;">
            <header>
            <h1 style="font-size: 20px; margin: 0 0 4px;">\(title)</h1>
            <p style="color: #52606d; margin: 0 0 16px;">As of \(MarkupText.escaped(asOf))</p>
            </header>
            <main>

            """
        if !figures.isEmpty {
            html += "<table style=\"border-collapse: collapse;\">\n"
            for figure in figures {
                html += "<tr><th scope=\"row\" style=\"text-align: left; font-weight: normal; color: #52606d; padding: 4px 16px 4px 0;\">"
                html += "\(MarkupText.escaped(figure.label))</th>"
                html += "<td style=\"font-weight: bold; padding: 4px 0;\">\(MarkupText.escaped(figure.value))</td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "</main>\n<footer>\n<p>The full report is attached: \(MarkupText.escaped(attachmentName))</p>\n</footer>\n</body>\n</html>\n"
        return html
    }
}

extension MailMessage {
    /// The weekly report e-mail: subject `<title> — <period>`, dated on the as-of day at
    /// 08:00 UTC, bodies from `headline`, and `report` attached as `retention-<period>.html`.
    public static func report(
        from: MailAddress, to: [MailAddress], headline: ReportHeadline, periodLabel: String, report: [UInt8]
    ) throws(MailMessageError) -> MailMessage {
        guard let date = MailDate(isoDay: headline.asOf, hour: 8) else { throw .invalidDate(headline.asOf) }
        let name = "retention-\(periodLabel).html"
        return try MailMessage(
            from: from, to: to, subject: "\(headline.title) — \(periodLabel)", date: date,
            plainText: headline.mailPlainText(attachmentName: name),
            html: headline.mailHTML(attachmentName: name),
            attachment: Attachment(filename: name, bytes: report))
    }
}
