import Foundation
import Ingest
import Metrics
import Model
import Mustache
import Publishing
import Report
import Validation

/// `retention report`: exports in, validated report out.
///
/// The flow is the package's: ingest (`DatasetLoader`) → metrics (`RetentionAnalysis`) → view
/// model (`RetentionReport`) → templates (`ReportRenderer`) → validation and atomic write
/// (`ReportPublisher`), plus the optional metrics JSON, context dump, archive and mail message.
enum ReportCommand {
    static let spec = CommandSpec(
        name: "report",
        summary: "Read CRM exports, compute the retention metrics and write the validated HTML report.",
        discussion: """
        Inputs: --input DIR reads every export in DIR, each recognised by its header (HubSpot, Salesforce,
        Stripe, Chargebee, Recurly, Zendesk, Freshdesk, Delighted, Typeform, Shopify and more, or generic
        customers/subscriptions/orders/surveys/tickets columns); one line per file on stderr says what it was
        read as, or why it was not used. Single files can be given (or overridden) with --customers,
        --subscriptions, --orders, --surveys and --tickets. With no input at all, the sample data in Output/sample-data is used
        (and written first if missing). The report is written only if it passes validation; otherwise it is
        kept beside the destination as NAME.invalid.html and the previous report is left untouched.
        Prints the path of the written report.
        """,
        options: [
            OptionSpec("input", value: "DIR", help: "Folder with the export files."),
            OptionSpec("customers", value: "FILE", help: "Customers / accounts export."),
            OptionSpec("subscriptions", value: "FILE", help: "Subscriptions export (MRR)."),
            OptionSpec("orders", value: "FILE", help: "Orders, invoices or charges export."),
            OptionSpec("surveys", value: "FILE", help: "Survey responses (CSAT, NPS, CES)."),
            OptionSpec("tickets", value: "FILE", help: "Support tickets."),
            OptionSpec("as-of", value: "DATE", help: "The report date, YYYY-MM-DD (default: the latest event date in the data that is not after today)."),
            OptionSpec("out", value: "FILE", help: "Where to write the report. Default: Output/retention-report.html."),
            OptionSpec("metrics-json", value: "FILE", help: "Also write every number of the report as JSON."),
            OptionSpec("customers-csv", value: "FILE", help: "Also write one row per customer (health score, status, reasons, monthly revenue) as CSV for a CRM import."),
            OptionSpec("dump-context", value: "FILE", help: "Also write the template context as JSON (for template authors)."),
            OptionSpec("templates", value: "DIR", help: "Your templates; files you do not provide come from the defaults."),
            OptionSpec("config", value: "FILE", help: "JSON configuration file (see README: Configuration)."),
            OptionSpec("preset", value: "[FILE=]NAME", repeatable: true, help: "The product an export comes from, for every file or one file (detected from the header when not given): " + Preset.allCases.map(\.rawValue).joined(separator: ", ") + "."),
            OptionSpec("map", value: "ENTITY.FIELD=HEADER", repeatable: true, help: "Map a column, e.g. customers.signup=\"Create Date\"."),
            OptionSpec("date-format", value: "COLUMN=FORMAT", repeatable: true, help: "Day/month order of a column, e.g. \"Created Date=dd/MM/yyyy\"."),
            OptionSpec("rate", value: "CUR=RATE", repeatable: true, help: "Exchange rate into the report currency, e.g. EUR=1.08."),
            OptionSpec("currency", value: "CODE", help: "Report currency (ISO 4217). Default: the data's currency."),
            OptionSpec("time-zone", value: "TZ", help: "Time zone report days are counted in (UTC, +02:00, Europe/Berlin). Default: UTC."),
            OptionSpec("period", value: "UNIT", help: "Period of cohorts and trends: day, week, month (default) or quarter."),
            OptionSpec("week-start", value: "DAY", help: "First day of the week for weekly periods. Default: monday."),
            OptionSpec("cohort-by", value: "BASIS", help: "Cohort basis: signup or first_payment (default when the data has revenue)."),
            OptionSpec("unbounded", help: "Unbounded retention: count a customer in period k if active in k or later."),
            OptionSpec("inactivity-days", value: "N", help: "Order businesses: days without an order after which a customer has churned, for everyone. Default: each customer's billing cadence (month, quarter, year) + 30 days, else 90."),
            OptionSpec("discount-rate", value: "R", help: "Order businesses: annual rate the 12-month CLV is discounted at, monthly. Default: 0.1."),
            OptionSpec("title", value: "TEXT", help: "Report title."),
            OptionSpec("locale", value: "ID", help: "Number and date format: en (default), en-US, de, fr."),
            OptionSpec("strict", help: "Fail (exit 3) if any input row is unreadable (rows a product rule excludes do not count)."),
            OptionSpec("previous", value: "FILE", help: "A previous report's metrics JSON: adds a \"Since last report\" section (default with --publish: the previous week's)."),
            OptionSpec("publish", value: "DIR", help: "Also publish into an intranet archive: DIR/<YYYY-Www>/index.html and DIR/index.html."),
            OptionSpec("eml", value: "FILE", help: "Also write a mail message (MIME) with a summary and the report attached."),
            OptionSpec("from", value: "ADDRESS", help: "Sender of the --eml message."),
            OptionSpec("to", value: "ADDRESS", repeatable: true, help: "Recipient of the --eml message."),
            OptionSpec("subject", value: "TEXT", help: "Subject of the --eml message. Default: the title and as-of date."),
        ]
    )

    static let defaultOutput = "Output/retention-report.html"

    /// Runs the command. `finished` is called with `.success` after the last output is in place
    /// and its path printed, while the run's data (records, analysis, view model, report bytes)
    /// is still held: the executable exits there, since freeing it all piece by piece only to
    /// end the process is wasted time (at 100 k orders several milliseconds of the run).
    static func run(_ args: ParsedArguments, console: Console,
                    clock: @Sendable () -> Instant = WallClock.now,
                    finished: (ExitStatus) -> Void = { _ in }) throws -> ExitStatus {
        var settings = try ReportSettings(args)
        if settings.asOf == nil {
            // The only clock read: event dates after today are skipped as `future_date`.
            settings.ingest.latestEventDay = ReportDate.today(clock(), in: settings.ingest.timeZone)
        }
        if args.value("eml") != nil { try MailSummary.checkArguments(args) }
        let plan = try inputPlan(args, options: settings.ingest, console: console)
        LargeBlockPolicy.apply()
        let timings = StageTimings(environment: ProcessInfo.processInfo.environment, console: console)

        console.progress("reading exports")
        var dataset: Dataset
        do {
            dataset = try DatasetLoader.load(plan, options: settings.ingest)
        } catch {
            throw CommandFailure(message: error.description, status: .inputError)
        }
        timings.finished("ingest")
        if args.value("input") != nil {
            for line in InputSummary.lines(dataset) { console.err(line + "\n") }
        }
        for input in dataset.inputs {
            for warning in input.warnings { console.err("\(input.path): warning: \(warning)\n") }
            if let join = input.join, !join.isByIDOnly { console.err("\(input.path): note: \(join)\n") }
        }
        // Rows a product rule excludes (unpaid payments, lost deals, footers…) are on the note line
        // above and in the appendix; only rows that could not be used are a warning.
        for input in dataset.inputs where input.rowsUnreadable > 0 {
            let reasons = input.skipped.filter { !InputAccounting.excludedByRule.contains($0.reason) }
            console.err("\(input.path): warning: \(input.rowsUnreadable) of \(input.rowsRead) rows skipped "
                + "(" + reasons.map { "\($0.reason): \($0.count)" }.joined(separator: ", ") + "); see the report's data-quality appendix\n")
        }
        let asOf = try ReportDate.choose(given: settings.asOf, dataset: dataset,
                                         calendar: PeriodCalendar(settings.granularity, weekStart: settings.weekStart))

        // Cadences from the orders up to as-of only: a later payment must not change any number.
        dataset.billingCadences = dataset.billingCadences(asOf: asOf)

        console.progress("computing metrics as of \(asOf)")
        let configuration = settings.metrics(asOf: asOf,
                                             hasRevenue: !dataset.subscriptions.isEmpty || !dataset.orders.isEmpty,
                                             cadences: dataset.billingCadences)
        // The analysis takes the only copy of the records it alone reads (orders, subscriptions,
        // answers, tickets) and releases each when done with it; the report and the other outputs
        // read the customers and the input accounting only.
        let records = dataset
        dataset.orders = CustomerOrderBook()
        dataset.subscriptions = []
        dataset.surveys = []
        dataset.tickets = []
        let analysis = RetentionAnalysis(dataset: consume records, configuration: configuration, health: settings.health,
                                         support: settings.support, prediction: settings.prediction,
                                         stageFinished: timings.finished)
        let week = PeriodCalendar(.week).period(containing: asOf).label
        try OutputPaths.checkReport(args, inputs: plan, periodLabel: week, defaultOutput: defaultOutput)
        let previous = try previousMetrics(args, currentLabel: week)

        // The customers CSV needs only the analysis: it is written on other threads while the
        // report is built, rendered and validated and the metrics JSON written, and put in place
        // after them, as the last output (StagedWrite). Any way out before that removes it, so a
        // run that fails leaves no new customers CSV.
        let customers = dataset.customers
        let customersCSV = args.value("customers-csv").map { path in
            StagedWrite(path: path) { (write: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) in
                try CustomersCSV.write(analysis: analysis, customers: customers, to: write)
            }
        }
        defer { customersCSV?.discard() }

        var report = RetentionReport(analysis: analysis, dataset: dataset, options: settings.report)
        timings.finished("report view model")
        // The metrics document is large for big exports: it is streamed to its file (below) and
        // built as a value only to compare with a previous report.
        if let previous {
            let current = MetricsDocument.value(analysis: analysis, dataset: dataset, report: report,
                                                title: settings.report.title, generator: settings.report.generator)
            timings.finished("metrics document")
            if let comparison = SinceLastReport(previous: previous, current: current) {
                report = report.addingSinceLastReport(comparison, dataset: dataset, options: settings.report)
            }
        }
        // The metrics JSON needs only the analysis and the view model: outside `--publish` (whose
        // archive checks a whole copy, below) it is written on another thread while the report is
        // rendered and validated, and put in place after the report (StagedWrite), before the
        // customers CSV. It is streamed, so its document is never in memory whole.
        let metricsTitle = settings.report.title, metricsGenerator = settings.report.generator
        let writeMetrics: @Sendable (_ sink: ([UInt8]) throws(SystemFailure) -> Void) throws(SystemFailure) -> Void = {
            [report, dataset] sink throws(SystemFailure) in
            try MetricsDocument.write(analysis: analysis, dataset: dataset, report: report,
                                      title: metricsTitle, generator: metricsGenerator, to: sink)
        }
        let stagedMetrics = args.value("publish") != nil ? nil : args.value("metrics-json").map { path in
            StagedWrite(path: path, produce: writeMetrics)
        }
        defer { stagedMetrics?.discard() }
        if let path = args.value("dump-context") {
            try Files.write(Array((report.context.jsonText(pretty: true) + "\n").utf8), to: path)
        }
        console.progress("rendering")
        let defaults = try TemplateLocator.defaultDirectory()
        let html: String
        do {
            html = try ReportRenderer(userTemplates: settings.templates, defaultTemplates: defaults).render(report.context)
        } catch {
            throw CommandFailure(message: error.description, status: .templateError)
        }
        let bytes = Array(html.utf8)
        timings.finished("render")

        console.progress("validating and writing")
        let out = args.value("out") ?? defaultOutput
        // The report, the metrics JSON and the customers CSV are renamed into place one after
        // the other, and their folders synced once, before the path is printed (or on the way out).
        let folderSyncs = FolderSyncs()
        defer { folderSyncs.syncAll() }
        try publish(bytes, to: out, folderSyncs: folderSyncs)
        timings.finished("validate and write report")
        // The archive's copy is checked before it is published, so it is built whole; else staged above.
        var metricsJSON: [UInt8] = []
        if args.value("publish") != nil { try writeMetrics { (piece: [UInt8]) in metricsJSON += piece } }
        if let path = args.value("metrics-json") {
            if let stagedMetrics {
                try stagedMetrics.commit(folderSyncs: folderSyncs)
            } else {
                try Files.write(metricsJSON, to: path)
            }
            timings.finished("write metrics JSON")
        }
        if let customersCSV {
            try customersCSV.commit(folderSyncs: folderSyncs)
            timings.finished("write customers CSV")
        }
        if let directory = args.value("publish") {
            do {
                try ReportArchive().publish(report: bytes, metricsJSON: metricsJSON, periodLabel: week,
                                            into: directory)
            } catch {
                throw CommandFailure(message: error.description, status: status(of: error))
            }
            console.out(ArchiveLayout(directory: directory).reportPath(week) + "\n")
        }
        if let path = args.value("eml") {
            try MailSummary.write(report: report, html: bytes, settings: settings, asOf: asOf, args: args, to: path)
        }
        folderSyncs.syncAll()
        console.out(out + "\n")
        withExtendedLifetime((dataset, analysis, report, bytes)) { finished(.success) }
        return .success
    }

    /// The previous report's metrics JSON: `--previous FILE`, or in the `--publish` folder the
    /// newest week before this one that has a `metrics.json`.
    static func previousMetrics(_ args: ParsedArguments, currentLabel: String) throws -> MustacheValue? {
        var path = args.value("previous")
        if path == nil, let directory = args.value("publish") {
            let archive = ArchiveLayout(directory: directory)
            let weeks = (try? FileManager.default.contentsOfDirectory(atPath: archive.root)) ?? []
            path = weeks.filter { $0.first?.isLetter == true || $0.first?.isNumber == true }
                .filter { $0 < currentLabel && FileManager.default.fileExists(atPath: archive.metricsPath($0)) }
                .max().map(archive.metricsPath)
        }
        guard let path else { return nil }
        do {
            return try MustacheValue(jsonData: Data(try Files.read(path)))
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(path): error: not a metrics JSON file: \(error)", status: .inputError)
        }
    }

    static func publish(_ bytes: [UInt8], to path: String, folderSyncs: FolderSyncs? = nil) throws {
        Files.createParentFolder(of: path)
        do {
            try ReportPublisher(folderSyncs: folderSyncs).publish(report: bytes, to: path)
        } catch {
            if case .invalidReport(_, _, let findings) = error {
                // The summary line, then a few findings per rule and counts: a million findings
                // must not flood stderr.
                let summary = String(error.description.prefix { $0 != "\n" })
                throw CommandFailure(message: ([summary] + FindingSummary.lines(findings)).joined(separator: "\n"),
                                     status: .invalidReport)
            }
            throw CommandFailure(message: error.description, status: status(of: error))
        }
    }

    static func status(of error: PublishingError) -> ExitStatus {
        if case .invalidReport = error { return .invalidReport }
        return .outputError
    }

    /// The input plan from `--input` and the per-entity options; the sample data when none is given.
    static func inputPlan(_ args: ParsedArguments, options: IngestOptions, console: Console) throws -> InputPlan {
        let single = ["customers", "subscriptions", "orders", "surveys", "tickets"].filter { args.value($0) != nil }
        var directory = args.value("input")
        if directory == nil && single.isEmpty {
            directory = SampleCommand.defaultDirectory
            if !FileManager.default.fileExists(atPath: SampleCommand.defaultDirectory + "/customers.csv") {
                console.err("retention: no input given; writing the sample data to \(SampleCommand.defaultDirectory) first\n")
                _ = try SampleCommand.run(try ParsedArguments([], spec: SampleCommand.spec),
                                          console: Console(out: { _ in }, err: console.err, showsProgress: false))
            }
        }
        var plan = InputPlan()
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(message: "\(directory): error: no such folder (--input)", status: .inputError)
            }
            plan = InputPlan.discover(inDirectory: directory, preset: options.preset, filePresets: options.filePresets)
        }
        for entity in Entity.allCases {
            if let f = args.value(entity.rawValue) {
                plan.replace(entity, with: f, preset: options.preset, filePresets: options.filePresets)
            }
        }
        // After the files given one by one: `--customers FILE` settles two customers files in the folder.
        do {
            for note in try plan.chooseNewest() { console.err("retention: \(note)\n") }
        } catch {
            throw CommandFailure(message: error.description, status: .inputError)
        }
        if plan.isEmpty {
            let notUsed = plan.notUsed.map { "\n  \($0.path): \($0.reason)" }.joined()
            throw CommandFailure(message: "\(directory ?? "."): error: no export files found (expected customers*.csv, "
                + "subscriptions*.csv, invoices*.csv or orders*.csv, surveys*.csv, tickets*.csv, or a known product's export)"
                + notUsed, status: .inputError)
        }
        return plan
    }
}
