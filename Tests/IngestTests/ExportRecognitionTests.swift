import Testing
import Model
@testable import Ingest

/// Exports are recognised by their header; the name is only a hint. Every file of a folder is
/// read or listed as not used with its reason.
@Suite struct ExportRecognitionTests {
    func recognised(_ header: String, _ name: String = "export.csv") -> String? {
        let fields = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return ExportRecognition.recognise(header: fields, fileName: name).map { "\($0.entity): \($0.label)" }
    }

    @Test func productSignaturesWinOverFileNames() {
        // HubSpot deals are revenue, not customers, whatever the file is called.
        #expect(recognised("Record ID,Deal Name,Deal Stage,Close Date,Amount,Associated Company IDs (Primary)",
                           "hubspot-crm-exports-all-companies.csv") == "orders: HubSpot deals")
        #expect(recognised("ID,ACCOUNTID,NAME,STAGENAME,AMOUNT,CLOSEDATE", "extract.csv")
                == "orders: Salesforce Data Loader Opportunity")
        #expect(recognised("Opportunity Owner,Account Name,Opportunity Name,Stage,Amount,Close Date", "report-1719820800000.csv")
                == "orders: Salesforce opportunity report")
        #expect(recognised("id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID", "unified_payments.csv")
                == "orders: Stripe unified payments")
        #expect(recognised("subscriptions.id,subscriptions.customer_id,subscriptions.status,subscriptions.plan_id")
                == "subscriptions: Chargebee subscriptions")
        #expect(recognised("uuid,account_code,email,plan_code,state,unit_amount_in_cents,currency,activated_at")
                == "subscriptions: Recurly subscriptions")
        // Recurly's "Subscriptions — history" export has one row per version of a subscription
        // (`subscription_uuid`, `subscription_activated_at`, `version_created_at`): not a list of
        // subscriptions, so it is not read as one (docs.recurly.com/docs/subscription-history-export).
        #expect(recognised("subscription_uuid,account_code,plan_code,subscription_activated_at,version_created_at",
                           "subscriptions_history_export.csv") == nil)
        #expect(recognised("Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Status,Deal - Organization ID")
                == "orders: Pipedrive deals")
        #expect(recognised("Record Id,Account Name,Account Type,Created Time,Account Owner") == "customers: Zoho CRM accounts")
        #expect(recognised("id,created_at,charge_date,amount,currency,status,links.customer,links.mandate")
                == "orders: GoCardless payments")
        #expect(recognised("Respondent ID,Collector ID,Start Date,End Date,IP Address,How likely are you to recommend us?")
                == "surveys: SurveyMonkey responses")
        #expect(recognised("StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,NPS")
                == "surveys: Qualtrics responses")
        #expect(recognised("Ticket ID,Subject,Status,Priority,Created time,Resolved time,Resolution status,Company Name")
                == "tickets: Freshdesk tickets")
        #expect(recognised("Order ID,Order Number,Order Date,Order Status,Customer Email,Order Total,Order Currency")
                == "orders: WooCommerce orders")
        #expect(recognised("id,status,invoice_number,customer_id,customer_email,subscription_id,created_at,billed_at,"
                           + "completed_at,origin,collection_mode,currency_code,subtotal,discount,tax,total")
                == "orders: Paddle transactions report")
        // Chargebee's export zip: subscriptions by attribute name with the customer as customers.id,
        // customers by label.
        #expect(recognised("subscriptions.id,subscriptions.plan_id,subscriptions.plan_quantity,subscriptions.status,"
                           + "subscriptions.started_at,customers.id,customers.email")
                == "subscriptions: Chargebee subscriptions")
        #expect(recognised("Customer Id,First Name,Last Name,Email,Billing Address City,Card Status")
                == "customers: Chargebee customers (labels)")
        #expect(recognised("Conversation ID,Conversation started at (Europe/Dublin),Current conversation state,Company name")
                == "tickets: Intercom conversations")
        #expect(recognised("Conversation ID,Updated at (America/New_York),Conversation rating remark,Conversation rating,"
                           + "User name,Company name,Agent rated type,Last survey sent")
                == "surveys: Intercom conversation ratings (CSAT)")
    }

    @Test func aTrailingTimeZoneNameIsNotPartOfAHeader() {
        // Intercom writes the workspace's zone after each timestamp header.
        #expect(headerKey("Conversation started at (America/New_York)") == headerKey("Conversation started at"))
        #expect(headerKey("Updated at (America/Argentina/Buenos_Aires)") == "updatedat")
        #expect(headerKey("Created (Etc/GMT+3)") == "created")
        // Only IANA zone names: other parentheses stay part of the header.
        #expect(headerKey("Created (UTC)") == "createdutc")
        #expect(headerKey("Amount (USD/EUR)") == "amountusdeur")
        #expect(headerKey("Revenue (Europe)") == "revenueeurope")
    }

    @Test func genericHeadersFallBackToTheEntityColumns() {
        #expect(recognised(SampleHeaders.customers, "data.csv") == "customers: generic customers")
        #expect(recognised(SampleHeaders.invoices, "invoices.csv") == "orders: generic orders")
        #expect(recognised("Foo,Bar,Baz", "customers.csv") == nil)
    }

    @Test func everyFileOfAFolderIsReadOrListedWithItsReason() {
        let dir = FixtureDirectory()
        dir.write("hubspot-crm-exports-all-deals-2024-07-01.csv",
                  "Record ID,Deal Name,Deal Stage,Close Date,Amount,Associated Company IDs (Primary)\n1,A,Closed Won,2024-05-01,10,5\n")
        dir.write("hubspot-crm-exports-all-contacts-2024-07-01.csv", "Record ID,First Name,Last Name,Email\n1,A,B,a@b.example\n")
        dir.write("notes.md", "# not data\n")
        dir.write("pivot.csv", "Quarter,Total\nQ1,10\n")
        dir.write("empty.csv", "")
        let plan = InputPlan.discover(inDirectory: dir.path)
        #expect(plan.files.map { "\($0.recognition.entity) \($0.recognition.label)" } == ["orders HubSpot deals"])
        let reasons = Dictionary(uniqueKeysWithValues: plan.notUsed.map { ($0.path.split(separator: "/").last.map(String.init)!, $0.reason) })
        #expect(reasons["notes.md"] == "not a .csv, .tsv or .txt export")
        #expect(reasons["empty.csv"] == "empty file")
        #expect(reasons["hubspot-crm-exports-all-contacts-2024-07-01.csv"]?.hasPrefix(
            "HubSpot contacts export: a HubSpot contacts export without the NPS properties") == true)
        #expect(reasons["pivot.csv"]?.hasPrefix("its header matches no known export and lacks the columns of every entity") == true)
        #expect(plan.notUsed.count == 4)
    }

    @Test func aPresetCanNameOneFile() {
        let dir = FixtureDirectory()
        // A deals file whose header lacks HubSpot's "Deal Name": the preset still applies HubSpot's names.
        dir.write("deals.csv", "Record ID,Deal Stage,Close Date,Amount,Associated Company IDs\n1,Closed Won,2024-05-01,10,5\n2,Closed Lost,2024-05-02,20,5\n")
        let plan = InputPlan.discover(inDirectory: dir.path, filePresets: ["deals.csv": .hubspot])
        #expect(plan.files.first?.recognition.label == "HubSpot deals")
        #expect(plan.files.first?.recognition.evidence == "file name")
    }

    @Test func stripePaymentsThatNeedAPaymentMethodAreNotPaid() throws {
        let dir = FixtureDirectory()
        dir.write("unified_payments.csv", """
        id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer ID
        pi_1,2024-05-01 10:00:00,50.00,0.00,usd,Paid,cus_A
        pi_2,2024-05-02 10:00:00,50.00,0.00,usd,requires_payment_method,cus_A
        pi_3,2024-05-03 10:00:00,50.00,50.00,usd,Refunded,cus_B
        pi_4,2024-05-04 10:00:00,50.00,10.00,usd,Partially refunded,cus_B
        pi_5,2024-05-05 10:00:00,50.00,0.00,usd,Failed,cus_B

        """)
        let data = try DatasetLoader.load(InputPlan.discover(inDirectory: dir.path), options: IngestOptions(strict: true))
        // 50, and 50 − 10 = 40.
        #expect(data.orders.map(\.amount) == [50, 40])
        let a = try #require(accounting(data, "orders"))
        #expect(a.skipped.map(\.reason) == ["not_paid", "refunded"])
        #expect(a.skipped.map(\.count) == [2, 1])
        #expect(a.rowsExcluded == 3 && a.rowsUnreadable == 0)
    }

    @Test func wooCommerceRefundedOrdersAreNotPaid() throws {
        let dir = FixtureDirectory()
        dir.write("wc-order-export-2024-07-01.csv", """
        Order ID,Order Number,Order Date,Order Status,Customer Email,Order Total,Order Currency
        11,11,2024-05-01 10:00,Completed,a@shop.example,20.00,EUR
        12,12,2024-05-02 10:00,Refunded,b@shop.example,30.00,EUR
        13,13,2024-05-03 10:00,Processing,b@shop.example,40.00,EUR
        14,14,2024-05-04 10:00,Cancelled,c@shop.example,50.00,EUR
        15,15,2024-05-05 10:00,Pending payment,c@shop.example,60.00,EUR

        """)
        let data = try DatasetLoader.load(InputPlan.discover(inDirectory: dir.path), options: IngestOptions())
        #expect(data.orders.map(\.amount) == [20, 40])
        let a = try #require(accounting(data, "orders"))
        #expect(a.skipped.map { "\($0.reason) \($0.count)" } == ["refunded 1", "cancelled 1", "not_paid 1"])
    }

    @Test func extraHeaderRowsOfSurveyToolsAreExcludedByRule() throws {
        let dir = FixtureDirectory()
        dir.write("NPS+Survey_July+1,+2024_10.12.csv", """
        StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,RecipientEmail,NPS
        Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,Recipient Email,How likely are you to recommend us?
        "{""ImportId"":""startDate""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}","{""ImportId"":""progress""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""QID1""}"
        2024-06-03 09:58:00,2024-06-03 10:00:00,0,100,1,2024-06-03 10:00:00,R_1,a@x.example,10
        2024-06-04 09:58:00,2024-06-04 10:00:00,0,100,1,2024-06-04 10:00:00,R_2,b@x.example,2

        """)
        dir.write("Sheet_1.csv", """
        Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,How likely is it that you would recommend us to a friend?
        ,,,,,,Response
        1001,77,06/03/2024 09:58:00 AM,06/03/2024 10:00:00 AM,,a@y.example,9
        1002,77,06/13/2024 09:58:00 AM,06/13/2024 10:00:00 AM,,b@y.example,

        """)
        let data = try DatasetLoader.load(InputPlan.discover(inDirectory: dir.path), options: IngestOptions(strict: true))
        #expect(data.surveys.map(\.score).sorted() == [2, 9, 10])
        #expect(data.surveys.allSatisfy { $0.kind == .nps })
        let qualtrics = try #require(data.inputs.first { $0.path.hasSuffix("10.12.csv") })
        #expect(qualtrics.skipped.map { "\($0.reason) \($0.count)" } == ["extra_header_row 2"])
        let monkey = try #require(data.inputs.first { $0.path.hasSuffix("Sheet_1.csv") })
        #expect(monkey.skipped.map { "\($0.reason) \($0.count)" } == ["extra_header_row 1", "no_rating 1"])
    }

    @Test func formerCustomerTypeIsAChurnOnTheLastActivityDate() throws {
        let dir = FixtureDirectory()
        dir.write("companies.csv", """
        Record ID,Company name,Create Date,Last Activity Date,Type
        1,Acme,2023-01-01,2024-06-01,Customer
        2,Hooli,2023-02-01,2024-03-15,Former customer
        3,Globex,2023-03-01,,Former Customer

        """)
        let data = try DatasetLoader.load(InputPlan.discover(inDirectory: dir.path), options: IngestOptions())
        #expect(data.customers.map(\.churnDate) == [nil, Day(iso: "2024-03-15"), Day(iso: "2023-03-01")])
        let a = try #require(accounting(data, "customers"))
        #expect(a.warnings == [
            "1 former customer (type or status) without a cancellation date: churned on their last activity date (\"Last Activity Date\")",
            "1 former customer (type or status) without a cancellation or last activity date: counted as never active",
        ])
    }

    @Test func billingCadenceFromPaymentGaps() {
        // Customer 0 pays monthly (gaps 31, 30), customer 1 yearly (366), customer 2 once: it
        // gets the majority cadence — a tie of one monthly and one annual goes to the longer.
        let orders = [Order(customer: 0, day: Day(iso: "2024-01-01")!, amount: 10),
                      Order(customer: 0, day: Day(iso: "2024-02-01")!, amount: 10),
                      Order(customer: 0, day: Day(iso: "2024-03-02")!, amount: 10),
                      Order(customer: 1, day: Day(iso: "2023-03-01")!, amount: 100),
                      Order(customer: 1, day: Day(iso: "2024-03-01")!, amount: 100),
                      Order(customer: 2, day: Day(iso: "2024-04-01")!, amount: 5),
                      Order(customer: 2, day: Day(iso: "2024-04-01")!, amount: -5)]
        let c = BillingCadenceInference.infer(orders: CustomerOrderBook(orders), customerCount: 4)
        #expect(c.cadence == [.monthly, .annual, .annual, nil])
        #expect(c.fromGaps == [.monthly: 1, .annual: 1])
        #expect(c.fromMajority == [.annual: 1])
        // 31 + 30 and 366 + 30 days; 90 where unknown.
        #expect(c.activeDaysAfterPayment(fallback: 90) == [61, 396, 396, 90])
        // As of 2024-02-15 only: customer 0 has one gap (31 days: monthly); customer 1 has paid
        // once (2023-03-01; its 2024-03-01 payment is not known yet), so it takes the majority,
        // monthly; customer 2 has paid nothing yet. The later orders change nothing.
        let early = BillingCadenceInference.infer(orders: CustomerOrderBook(orders), customerCount: 4, asOf: Day(iso: "2024-02-15")!)
        #expect(early.cadence == [.monthly, .monthly, nil, nil])
        #expect(early.fromGaps == [.monthly: 1])
        #expect(early.fromMajority == [.monthly: 1])
        let cut = orders.filter { $0.day <= Day(iso: "2024-02-15")! }
        #expect(BillingCadenceInference.infer(orders: CustomerOrderBook(cut), customerCount: 4) == early)
    }

    @Test func billingCadenceStatedByAnIntervalOrPlanColumnWins() throws {
        let dir = FixtureDirectory()
        // C1 pays monthly by the gaps but its orders say annual (prepaid in instalments);
        // C2 paid once, its plan says quarterly; C3 paid once with no plan: the majority
        // (annual 1, quarterly 1: the tie goes to the longer, annual).
        let path = dir.write("orders.csv", """
        Order ID,Customer ID,Date,Amount,Billing Interval
        1,C1,2024-01-01,10,year
        2,C1,2024-02-01,10,year
        3,C2,2024-03-01,30,3 months
        4,C3,2024-04-01,5,

        """)
        let data = try DatasetLoader.load(InputFiles(orders: path), options: IngestOptions())
        // Ingest keeps only what the orders state; the rest is inferred at the report date.
        #expect(data.billingCadences?.declared == [.annual, .quarterly])
        #expect(data.billingCadences?.cadence == [])
        let c = try #require(data.billingCadences(asOf: Day(year: 2024, month: 12, day: 31)!))
        #expect(c.cadence == [.annual, .quarterly, .annual])
        #expect(c.fromColumn == [.annual: 1, .quarterly: 1])
        #expect(c.fromMajority == [.annual: 1])
        #expect(ValueVocabulary.cadence(planName: "Team (Annual)") == .annual)
        #expect(ValueVocabulary.cadence(planName: "pro-monthly") == .monthly)
        #expect(ValueVocabulary.cadence(planName: "Pro") == nil)
    }

    @Test func inspectRecognisesProductExportsAsTheReportDoes() throws {
        let dir = FixtureDirectory()
        let path = dir.write("hubspot-crm-exports-all-deals-2024-07-01.csv",
                             "Record ID,Deal Name,Deal Stage,Close Date,Amount,Create Date,Associated Company IDs (Primary)\n"
                             + "1,A,Closed Won,2024-05-01,10,2024-04-01,5\n")
        let report = try inspect(path: path)
        // Before: "customers (by header)", with Create Date taken for a signup.
        #expect(report.entity == .orders)
        #expect(report.entityReason == "header: HubSpot deals")
        #expect(report.columns.map { $0.field ?? "-" } == ["id", "-", "status", "date", "amount", "-", "customer"])
    }

    @Test func anUndecidedDateColumnTakesTheOrderTheFileProves() throws {
        let dir = FixtureDirectory()
        // "Opened" has 6/27/2024: month-first. "Closed" (6/3, 6/11) could be either, and takes it.
        let path = dir.write("tickets.csv", "Ticket ID,Created Date,Closed Date\n1,6/3/2024,6/3/2024\n2,6/27/2024,6/11/2024\n")
        let data = try DatasetLoader.load(InputFiles(tickets: path), options: IngestOptions())
        #expect(data.tickets.map { $0.resolved?.day() } == [Day(iso: "2024-06-03"), Day(iso: "2024-06-11")])
        // With no column to go by, it is still an error.
        let alone = dir.write("tickets2.csv", "Ticket ID,Created Date\n1,6/3/2024\n")
        #expect(loadError(InputFiles(tickets: alone))?.hasPrefix("\(alone):1:11: error: column \"Created Date\" has dates like 6/3/2024") == true)
    }

    @Test func everySignatureIdentifiesItsOwnFormat() {
        // A header of exactly one format's signature, under a neutral name, is that format:
        // no two formats' signatures overlap so that one hides the other.
        for format in Preset.allFormats {
            let found = ExportRecognition.matches(header: format.signature, fileName: "export.csv", product: nil, entity: nil)
            #expect(found.first?.description == format.description, "\(format.description) is taken for \(found.first?.description ?? "nothing")")
        }
        #expect(Preset.allFormats.count == Set(Preset.allFormats.map(\.description)).count)
    }

    @Test func twoFilesOfOneKindAreNotBothRead() {
        let dir = FixtureDirectory()
        dir.write("customers.csv", SampleHeaders.customers + "\n")
        dir.write("customers-2019-old.csv", SampleHeaders.customers + "\n")
        let plan = InputPlan.discover(inDirectory: dir.path)
        #expect(plan.files.map { InputPlan.fileName($0.path) } == ["customers-2019-old.csv"])
        #expect(plan.notUsed.map(\.reason) == ["another generic customers export, customers-2019-old.csv, is read; several "
            + "files of one kind are ambiguous: give the one to use with --customers FILE"])
    }
}
