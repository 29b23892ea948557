/// Small documents for the validator tests, written line by line so expected line numbers can be
/// read off the source.
enum PolyglotDocument {
    /// A valid polyglot report: svg chart, details, table, #links, mailto, data: image.
    static let valid = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
        <head>
        <meta charset="utf-8" />
        <title>Retention &amp; churn, 2026-W47</title>
        <style>body { color: #333; } .bar { fill: url(#fade); }</style>
        </head>
        <body>
        <section id="top"><h1>Retention report</h1>
        <p><a href="#kpi">KPIs</a> · <a href="mailto:cs@example.com">Write to us</a> · café</p>
        <details open="open"><summary>How we count</summary><p>Customers active on the last day.</p></details>
        <svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 10 10" width="10" height="10"><title>Churn by week</title><defs><linearGradient id="fade"><stop offset="0" stop-color="#000" /></linearGradient></defs><path d="M0 0L10 10" fill="url(#fade)" /><text x="1" y="2">a</text></svg>
        <table id="kpi"><thead><tr><th scope="col">Metric</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
        <img src="data:image/png;base64,iVBORw0KGgo=" alt="" />
        <br /><a href="#top">Back to top</a>
        </section>
        </body>
        </html>

        """

    /// `valid` with `old` replaced by `new` (exactly once; the test fails loudly otherwise).
    static func replacing(_ old: String, with new: String) -> [UInt8] {
        precondition(valid.ranges(of: old).count == 1, "fixture text must occur exactly once: \(old)")
        return Array(valid.replacing(old, with: new).utf8)
    }
}
