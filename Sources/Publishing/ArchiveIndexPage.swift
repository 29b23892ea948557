import MarkupText

/// One published period as the archive index lists it.
struct ArchiveEntry: Sendable, Equatable {
    var periodLabel: String
    /// The period's metrics, or why they could not be read (the entry is still listed).
    var metrics: Result<ReportHeadline, JSONReader.Failure>

    /// Newest first: by `as_of` (descending), then period label (descending); entries whose
    /// metrics are unreadable come last, by label (descending).
    static func newestFirst(_ lhs: ArchiveEntry, _ rhs: ArchiveEntry) -> Bool {
        switch (lhs.metrics, rhs.metrics) {
        case let (.success(a), .success(b)):
            if a.asOf != b.asOf { return a.asOf > b.asOf }
            return lhs.periodLabel > rhs.periodLabel
        case (.success, .failure): return true
        case (.failure, .success): return false
        case (.failure, .failure): return lhs.periodLabel > rhs.periodLabel
        }
    }
}

/// The archive's `index.html`: every published report, newest first, with its headline KPIs and
/// links to the report and its metrics. Polyglot HTML5, self-contained (inline CSS), all text
/// escaped, in the report's landmarks (`header`, `main`, `footer`); it passes ``ReportValidator``
/// (its links lead to files of the archive).
enum ArchiveIndexPage {
    static func render(_ entries: [ArchiveEntry]) -> String {
        var html = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Retention reports</title>
            <style>
            body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; background: #f5f7fa; }
            header, main, footer { max-width: 56rem; margin: 0 auto; padding: 0 1rem; }
            header { padding-top: 2rem; }
            h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
            .lede { color: #52606d; margin: 0 0 1.5rem; }
            ol.archive { list-style: none; margin: 0; padding: 0; }
            ol.archive > li { background: #fff; border: 1px solid #d9e2ec; border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1rem; }
            h2 { font-size: 1.15rem; margin: 0; }
            a { color: #0b5cad; }
            .meta { color: #52606d; font-size: .9rem; margin: .25rem 0 .75rem; }
            dl.kpis { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: 0; }
            dl.kpis dt { font-size: .8rem; color: #52606d; }
            dl.kpis dd { margin: 0; font-size: 1.2rem; font-weight: 600; font-variant-numeric: tabular-nums; }
            .problem { color: #a61b1b; }
            </style>
            </head>
            <body>
            <header>
            <h1>Retention reports</h1>

            """
        let count = entries.count == 1 ? "1 published report" : "\(entries.count) published reports"
        if entries.isEmpty {
            html += "<p class=\"lede\">No reports published yet.</p>\n</header>\n<main>\n"
        } else {
            html += "<p class=\"lede\">\(count), newest first.</p>\n</header>\n<main>\n<ol class=\"archive\">\n"
            for entry in entries { html += item(entry) }
            html += "</ol>\n"
        }
        html += "</main>\n<footer>\n<p class=\"lede\">Each report is validated before it is published.</p>\n</footer>\n</body>\n</html>\n"
        return html
    }

    private static func item(_ entry: ArchiveEntry) -> String {
        let label = MarkupText.escaped(entry.periodLabel)
        let folder = MarkupText.escaped(percentEncodedPathSegment(entry.periodLabel))
        var html = "<li>\n"
        switch entry.metrics {
        case .success(let metrics):
            html += "<h2><a href=\"\(folder)/index.html\">\(MarkupText.escaped(metrics.title))</a></h2>\n"
            html += "<p class=\"meta\">Period \(label) · as of \(MarkupText.escaped(metrics.asOf))"
            html += " · <a href=\"\(folder)/metrics.json\">metrics.json</a></p>\n"
            if !metrics.figures.isEmpty {
                html += "<dl class=\"kpis\">\n"
                for kpi in metrics.figures {
                    html += "<div><dt>\(MarkupText.escaped(kpi.label))</dt>"
                    html += "<dd>\(MarkupText.escaped(kpi.value))</dd></div>\n"
                }
                html += "</dl>\n"
            }
        case .failure(let failure):
            html += "<h2><a href=\"\(folder)/index.html\">Report \(label)</a></h2>\n"
            html += "<p class=\"meta problem\">Period \(label) · its metrics.json could not be read: "
            html += "\(MarkupText.escaped(failure.message))</p>\n"
        }
        html += "</li>\n"
        return html
    }

    /// Period labels are restricted to `[A-Za-z0-9._-]` (see ``ReportArchive``), which need no
    /// encoding in a URL path; anything else is percent-encoded as a safeguard.
    private static func percentEncodedPathSegment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "." {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
