import Model

/// One run of `SampleExport.write`: the open files, the id counters and the streaming loop.
struct SampleWriter {
    let options: SampleOptions
    let context: StoryContext
    let customers: CSVFileWriter
    let subscriptions: CSVFileWriter
    let invoices: CSVFileWriter?
    let surveys: CSVFileWriter
    let tickets: CSVFileWriter

    private var nextSubscription = 1
    private var nextInvoice = 1
    private var nextResponse = 1
    private var nextTicket = 1
    private var badRows: [SampleBadRow] = []

    init(directory: String, options: SampleOptions) throws(SampleError) {
        self.options = options
        context = StoryContext(seed: options.seed, endDay: options.endDay, messy: options.messyRows)
        customers = try CSVFileWriter(directory: directory, name: "customers.csv")
        subscriptions = try CSVFileWriter(directory: directory, name: "subscriptions.csv")
        invoices = options.invoices ? try CSVFileWriter(directory: directory, name: "invoices.csv") : nil
        surveys = try CSVFileWriter(directory: directory, name: "surveys.csv")
        tickets = try CSVFileWriter(directory: directory, name: "tickets.csv")
    }

    var files: [CSVFileWriter] {
        [customers, subscriptions] + (invoices.map { [$0] } ?? []) + [surveys, tickets]
    }

    mutating func run() throws(SampleError) {
        customers.header(SampleExport.customerHeader)
        subscriptions.header(SampleExport.subscriptionHeader)
        invoices?.header(SampleExport.invoiceHeader)
        surveys.header(SampleExport.surveyHeader)
        tickets.header(SampleExport.ticketHeader)

        let schedule = SignupSchedule(customers: options.customers, endDay: options.endDay, months: options.months)
        var scheduleRNG = SeededGenerator(seed: options.seed, stream: 0)
        var story = CustomerStory()
        var index = 0
        for month in schedule.months where month.signups > 0 {
            let counts = SignupSchedule.dailyCounts(of: month, using: &scheduleRNG)
            for (offset, count) in counts.enumerated() {
                let day = month.first.adding(days: offset)
                for _ in 0..<count {
                    story.generate(index: index, signup: day, context: context)
                    write(&story)
                    if index == 0 && options.messyRows { writeMessyRows(after: story) }
                    index += 1
                    if let failure = files.lazy.compactMap(\.failure).first { throw failure }
                }
            }
        }
        if options.messyRows { customers.blankLine() }
    }

    func finish() throws(SampleError) -> SampleSummary {
        var summary: [SampleFile] = []
        for file in files {
            try file.close()
            summary.append(SampleFile(name: file.name, rows: file.rows, bytes: file.bytesWritten))
        }
        return SampleSummary(files: summary, badRows: badRows)
    }

    // MARK: Rows

    private mutating func write(_ story: inout CustomerStory) {
        let number = story.index + 1
        writeCustomer(story, number: number)
        for subscription in story.subscriptions {
            writeSubscription(subscription, customer: number)
            if let invoices, !subscription.isTrial {
                writeInvoices(of: subscription, customer: number, to: invoices, rng: &story.rng)
            }
        }
        for ticket in story.tickets {
            tickets.identifier("T", nextTicket, width: 7)
            nextTicket += 1
            tickets.comma()
            customerID(number, tickets)
            tickets.comma()
            tickets.dateTime(secondsSince1970: ticket.created)
            tickets.comma()
            if let response = ticket.firstResponse { tickets.dateTime(secondsSince1970: response) }
            tickets.comma()
            if let solved = ticket.solved { tickets.dateTime(secondsSince1970: solved) }
            tickets.comma()
            tickets.raw(ticket.priority.name)
            tickets.comma()
            tickets.raw(ticket.status)
            tickets.endRecord()
        }
        for survey in story.surveys {
            writeSurvey(survey, customer: number)
        }
    }

    private func writeCustomer(_ story: CustomerStory, number: Int) {
        let c = customers
        customerID(number, c)
        c.comma()
        c.field(story.name)
        c.comma()
        if story.createdAsTimestamp {
            c.dateTime(story.signup, secondOfDay: story.createdSecond, iso: true)
        } else {
            c.day(story.signup)
        }
        c.comma()
        c.raw(story.currentPlan.name)
        c.comma()
        c.raw(story.segment.name)
        c.comma()
        c.raw(story.region.name)
        c.comma()
        c.raw(story.channel.name)
        c.comma()
        c.field(story.owner)
        c.comma()
        c.raw(story.isActive ? "Active" : "Cancelled")
        c.comma()
        if let churn = story.finalChurn {
            c.day(churn.day)
            c.comma()
            c.raw(churn.reason.name)
            c.comma()
            c.raw(churn.reason.isInvoluntary ? "involuntary" : "voluntary")
        } else {
            c.comma()
            c.comma()
        }
        c.comma()
        c.day(story.lastLogin)
        c.endRecord()
    }

    private mutating func writeSubscription(_ s: CustomerStory.Subscription, customer number: Int) {
        let w = subscriptions
        w.identifier("sub_", nextSubscription, width: 7)
        nextSubscription += 1
        w.comma()
        customerID(number, w)
        w.comma()
        w.raw(s.plan.name)
        w.comma()
        w.raw(s.interval.name)
        w.comma()
        w.amount(cents: s.amountCents)
        w.comma()
        w.raw("USD")
        w.comma()
        w.day(s.start)
        w.comma()
        if let end = s.end { w.day(end) }
        w.comma()
        w.raw(s.status)
        w.endRecord()
    }

    /// One `paid` invoice at the start of every billing period that begins inside both the
    /// subscription and the window; about 0.4 % are followed by a full refund (a `refunded`
    /// row with the negative amount) 1–6 days later, inside the same period.
    private mutating func writeInvoices(of s: CustomerStory.Subscription, customer number: Int,
                                        to w: CSVFileWriter, rng: inout SeededGenerator) {
        let stop = min(s.end ?? options.endDay.adding(days: 1), options.endDay.adding(days: 1))
        var period = 0
        var day = s.start
        while day < stop {
            let next = s.start.addingMonths((period + 1) * s.interval.months)
            invoiceRow(w, customer: number, day: day, cents: s.amountCents, status: "paid")
            if rng.chance(0.004) {
                let refund = day.adding(days: rng.int(in: 1...6))
                if refund < min(next, stop) {
                    invoiceRow(w, customer: number, day: refund, cents: -s.amountCents, status: "refunded")
                }
            }
            period += 1
            day = next
        }
    }

    private mutating func invoiceRow(_ w: CSVFileWriter, customer number: Int, day: Day, cents: Int, status: StaticString) {
        w.identifier("INV-", nextInvoice, width: 8)
        nextInvoice += 1
        w.comma()
        customerID(number, w)
        w.comma()
        w.day(day)
        w.comma()
        w.amount(cents: cents)
        w.raw(",USD,")
        w.raw(status)
        w.endRecord()
    }

    private mutating func writeSurvey(_ survey: CustomerStory.Survey, customer number: Int) {
        let w = surveys
        w.identifier("R", nextResponse, width: 7)
        nextResponse += 1
        w.comma()
        customerID(number, w)
        w.comma()
        w.dateTime(secondsSince1970: survey.submitted)
        w.comma()
        w.raw(survey.kind.name)
        w.comma()
        w.integer(survey.score)
        w.comma()
        if let comment = survey.comment { w.field(comment) }
        w.endRecord()
    }

    private func invoiceID(_ number: Int) -> String { SampleWriter.padded("INV-", number, width: 8) }
    private func responseID(_ number: Int) -> String { SampleWriter.padded("R", number, width: 7) }

    static func padded(_ prefix: String, _ number: Int, width: Int) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private func customerID(_ number: Int, _ w: CSVFileWriter) {
        w.identifier("C", number, width: 6)
    }

    // MARK: Messy rows (see SampleExport)

    private mutating func writeMessyRows(after story: CustomerStory) {
        badRows.append(SampleBadRow(file: surveys.name, record: surveys.rows + 1, id: responseID(nextResponse),
                                    column: "Customer ID", value: SampleExport.unknownCustomerID(customers: options.customers),
                                    problem: "unknown customer"))
        writeSurvey(CustomerStory.Survey(submitted: options.endDay.adding(days: -30).seconds(at: 10 * 3600),
                                         kind: .nps, score: 7, comment: nil),
                    customer: options.customers + 1)
        guard let invoices else { return }
        guard let first = story.subscriptions.first(where: { !$0.isTrial }) else { return }
        badRows.append(SampleBadRow(file: invoices.name, record: invoices.rows + 1, id: invoiceID(nextInvoice),
                                    column: "Date", value: SampleExport.unparseableInvoiceDate,
                                    problem: "unparseable date"))
        badRows.append(SampleBadRow(file: invoices.name, record: invoices.rows + 2, id: invoiceID(1),
                                    column: "Invoice ID", value: invoiceID(1), problem: "duplicate invoice id"))
        invoices.identifier("INV-", nextInvoice, width: 8)
        nextInvoice += 1
        invoices.comma()
        customerID(story.index + 1, invoices)
        invoices.comma()
        invoices.raw(SampleExport.unparseableInvoiceDate)
        invoices.comma()
        invoices.amount(cents: first.amountCents)
        invoices.raw(",USD,paid")
        invoices.endRecord()
        // The customer's first invoice is INV-00000001 (the first customer's rows come first).
        invoices.identifier("INV-", 1, width: 8)
        invoices.comma()
        customerID(story.index + 1, invoices)
        invoices.comma()
        invoices.day(first.start)
        invoices.comma()
        invoices.amount(cents: first.amountCents)
        invoices.raw(",USD,paid")
        invoices.endRecord()
    }
}
