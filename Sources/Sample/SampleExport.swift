#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// Writes the demo company's CRM export set: `customers.csv`, `subscriptions.csv`,
/// `invoices.csv` (unless `options.invoices` is false), `surveys.csv` and `tickets.csv`.
///
/// The files are streamed: customers are generated one at a time in signup order (ids
/// `C000001`, `C000002`, … follow the Created Date), and each customer's rows go to all five
/// files before the next customer is generated, through 1 MiB byte buffers. Memory stays
/// constant however many customers are asked for. The same options give byte-identical files.
///
/// Formats: dates `yyyy-MM-dd`; ticket and survey times `yyyy-MM-dd HH:mm:ss` (UTC); amounts
/// `1234.50`; currency `USD`; ids `C000001`, `sub_0000001`, `INV-00000001`, `R0000001`,
/// `T0000001`. Each customer's rows are contiguous and in time order within each file.
///
/// **Deliberately messy rows** (only with `options.messyRows`). Rows 3–5 are the only bad rows
/// in the set (3 in all); the rest are format variations ingest must accept. Apart from these,
/// a set with messy rows has exactly the records of the same set without them (ids after an
/// inserted row shift by one). Rows 3–5 need at least one customer, and rows 4–5 a first
/// customer with a paid subscription (always so with `months` ≥ 3). `SampleSummary.badRows`
/// lists the ones written, with record numbers:
/// 1. customers.csv: about 3 % of Created Dates are `yyyy-MM-ddTHH:mm:ssZ` instead of
///    `yyyy-MM-dd` (valid, just a different format).
/// 2. customers.csv ends with one blank line after the last record.
/// 3. surveys.csv: one NPS response (score 7) from customer id `C` + (customers + 1) zero-padded
///    (e.g. `C001201` for 1200 customers), which is not in customers.csv; it follows the first
///    customer's surveys and is dated 30 days before `endDay`.
/// 4. invoices.csv: one row dated `31/02/2024` (unparseable: not ISO, and no 31 February),
///    for the first customer, right after that customer's invoices, with the next invoice id.
/// 5. invoices.csv: the first customer's first invoice row is written twice, byte-identical
///    (a duplicate invoice id), right after row 4.
/// 6. surveys.csv: some negative comments are `Export keeps timing out.` + line break +
///    `Please fix before our renewal` (a quoted field with an embedded newline); without
///    messy rows the line break is a space.
/// Company names with commas, quotes and accents (`"Müller & Söhne, GmbH"`,
/// `"O'Brien ""Analytics"""`) and comments with quotes appear with or without messy rows:
/// they are valid RFC 4180 and ingest must read them.
public enum SampleExport {
    public static let customerHeader = "Customer ID,Company Name,Created Date,Plan,Segment,Region,Acquisition Channel,Account Owner,Status,Cancellation Date,Churn Reason,Churn Type,Last Login"
    public static let subscriptionHeader = "Subscription ID,Customer ID,Plan,Billing Interval,Amount,Currency,Start Date,Canceled At,Status"
    public static let invoiceHeader = "Invoice ID,Customer ID,Date,Amount,Currency,Status"
    public static let surveyHeader = "Response ID,Customer ID,Submitted At,Survey,Score,Comment"
    public static let ticketHeader = "Ticket ID,Customer ID,Created At,First Response At,Solved At,Priority,Status"

    /// The bad invoice date of messy row 4.
    public static let unparseableInvoiceDate = "31/02/2024"

    /// The customer id of messy row 3 for a run with `customers` customers.
    public static func unknownCustomerID(customers: Int) -> String {
        customerID(customers + 1)
    }

    /// `C` followed by the 1-based position, zero-padded to six digits.
    public static func customerID(_ number: Int) -> String {
        SampleWriter.padded("C", number, width: 6)
    }

    /// Writes the set into `directory` (created with its parents if missing; existing files of
    /// the same names are replaced) and returns what was written.
    public static func write(to directory: String, options: SampleOptions) throws -> SampleSummary {
        guard options.customers >= 0 else {
            throw SampleError.invalidOption(name: "customers", value: String(options.customers),
                                            expected: "a whole number of at least 0")
        }
        guard options.months >= 1, options.months <= 1200 else {
            throw SampleError.invalidOption(name: "months", value: String(options.months),
                                            expected: "a number of months from 1 to 1200")
        }
        try makeDirectory(directory)
        var writer = try SampleWriter(directory: directory, options: options)
        try writer.run()
        return try writer.finish()
    }

    /// `mkdir -p`.
    static func makeDirectory(_ path: String) throws(SampleError) {
        guard !path.isEmpty else { throw .cannotCreateDirectory(path: path, reason: "the path is empty") }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .cannotCreateDirectory(path: prefix, reason: CSVFileWriter.lastErrorText())
            }
            prefix += "/"
        }
        var info = stat()
        if stat(path, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR {
            throw .cannotCreateDirectory(path: path, reason: "it exists and is not a directory")
        }
    }
}
