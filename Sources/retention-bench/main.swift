// retention-bench: ingest throughput on large orders files.
//
//   retention-bench generate <path> <rows> [customers]   deterministic invoices.csv in the sample's shape
//   retention-bench stream <path> [partitions]           OrderStream: decode customer id, date, amount
//   retention-bench load <path>                          DatasetLoader (SHA-256, dedupe, materialised orders)
//   retention-bench ingest <dir> [steps]                 DatasetLoader on the report benchmark's customers.csv,
//                                                        orders.csv, surveys.csv (USD, EUR=1.08, GBP=1.27): loads
//                                                        customers, then customers + orders, then all three, and
//                                                        prints each load's wall and CPU (the split by file);
//                                                        step 3 (asked for with steps "0,3"): customers + surveys
//   retention-bench cohorts <path> [as-of]               ingest + cohort aggregation in one streaming pass
//   retention-bench predict-synthetic [customers]        BG/NBD fit on simulated customers (default 1,000,000)
//   retention-bench predict <dir> [as-of]                BG/NBD, Gamma-Gamma, CLV and the whole metrics stage
//
// Prints wall and CPU time (getrusage), MB/s, rows/s and peak resident memory (ru_maxrss).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Ingest
import Model

func fail(_ message: String) -> Never {
    print("retention-bench: \(message)")
    exit(2)
}

/// Monotonic seconds.
func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func cpuSeconds() -> (user: Double, system: Double, maxRSSKiB: Int) {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    let user = Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
    let sys = Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
    return (user, sys, Int(u.ru_maxrss))
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    guard stat(path, &st) == 0 else { fail("cannot stat \(path)") }
    return Int(st.st_size)
}

func report(_ label: String, path: String, rows: Int, wall: Double, before: (user: Double, system: Double, maxRSSKiB: Int),
            extra: String = "") {
    let after = cpuSeconds()
    let mb = Double(fileSize(path)) / 1_000_000
    let cpu = (after.user - before.user) + (after.system - before.system)
    func f(_ v: Double, _ digits: Int = 2) -> String {
        var s = String(Int((v * pow10(digits)).rounded()))
        while s.count <= digits { s = "0" + s }
        let cut = s.index(s.endIndex, offsetBy: -digits)
        return digits == 0 ? s : s[..<cut] + "." + s[cut...]
    }
    print("\(label): \(f(mb, 1)) MB, \(rows) rows, wall \(f(wall, 3)) s, CPU \(f(cpu, 3)) s "
        + "(user \(f(after.user - before.user, 3)), sys \(f(after.system - before.system, 3))), "
        + "\(f(mb / wall, 1)) MB/s, \(f(Double(rows) / wall / 1e6, 2)) M rows/s, peak RSS \(f(Double(after.maxRSSKiB) / 1024, 1)) MiB"
        + extra)
}

func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { v, _ in v * 10 } }

/// Writes `rows` invoices for `customers` customers with a fixed linear congruential generator.
func generate(path: String, rows: Int, customers: Int) {
    guard let out = fopen(path, "w") else { fail("cannot write \(path)") }
    defer { fclose(out) }
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
    var buffer = [UInt8]()
    buffer.reserveCapacity(1 << 20)
    func put(_ s: String) { buffer.append(contentsOf: s.utf8) }
    func putPadded(_ v: Int, _ width: Int) {
        var digits = [UInt8](repeating: 0x30, count: width)
        var x = v
        var i = width - 1
        while i >= 0 { digits[i] = UInt8(0x30 + x % 10); x /= 10; i -= 1 }
        buffer.append(contentsOf: digits)
    }
    put("Invoice ID,Customer ID,Date,Amount,Currency,Status\n")
    let start = Day(year: 2022, month: 1, day: 1)!
    for i in 0..<rows {
        let customer = Int(next() % UInt64(customers))
        let day = start.adding(days: Int(next() % 1000))
        let cents = Int(next() % 500_000) + 100
        let refund = next() % 50 == 0
        put("INV"); putPadded(i, 9); put(",C"); putPadded(customer, 6); put(",")
        put(day.description); put(refund ? ",-" : ",")
        put(String(cents / 100)); put("."); putPadded(cents % 100, 2)
        put(refund ? ",USD,refunded\n" : ",USD,paid\n")
        if buffer.count >= (1 << 20) - 128 {
            _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
            buffer.removeAll(keepingCapacity: true)
        }
    }
    _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
}

/// Per-customer totals in 65 536 buckets keyed by a hash of the id bytes: enough work to
/// prove every id was decoded, without the consumer dominating the measurement.
final class Buckets: @unchecked Sendable {
    let sums = UnsafeMutablePointer<Double>.allocate(capacity: 65_536)
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: 65_536)

    init() {
        sums.initialize(repeating: 0, count: 65_536)
        counts.initialize(repeating: 0, count: 65_536)
    }

    deinit { sums.deallocate(); counts.deallocate() }

    @inline(__always)
    func add(_ order: OrderRecord) {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for b in order.customerID {
            word |= UInt64(b) << shift
            shift += 8
            if shift == 64 { h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD; word = 0; shift = 0 }
        }
        h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        let k = Int(truncatingIfNeeded: h >> 48)
        sums[k] += order.amount
        counts[k] += 1
    }

    var total: Double { (0..<65_536).reduce(0) { $0 + sums[$1] } }
    var rows: Int { (0..<65_536).reduce(0) { $0 + counts[$1] } }
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    fail("usage: retention-bench generate <path> <rows> [customers] | stream <path> [partitions] | load <path>")
}
switch args[1] {
case "generate":
    guard args.count >= 4, let rows = Int(args[3]) else { fail("generate <path> <rows> [customers]") }
    let customers = args.count >= 5 ? Int(args[4]) ?? 50_000 : 50_000
    let before = cpuSeconds()
    let t0 = now()
    generate(path: args[2], rows: rows, customers: customers)
    report("generate", path: args[2], rows: rows, wall: now() - t0, before: before)
case "stream", "stream-min":
    // stream-min: the consumer only sums amounts and id lengths (ingest cost alone);
    // stream: per-customer totals in hashed buckets (a realistic consumer).
    let minimal = args[1] == "stream-min"
    let partitions = args.count >= 4 ? Int(args[3]) ?? 1 : 1
    let before = cpuSeconds()
    let t0 = now()
    do {
        let stream = try OrderStream(path: args[2], options: IngestOptions(), computeSHA256: false)
        var total = 0.0
        var rows = 0
        let result: OrderStreamResult
        if minimal && partitions == 1 {
            var idBytes = 0
            result = try stream.forEachOrder { o in total += o.amount; idBytes &+= o.customerID.count; rows += 1; return .use }
            if idBytes == 0 { print("no ids") }
        } else if minimal {
            let (partials, r) = try stream.forEachOrderInParallel(partitions: partitions, makePartial: { (0.0, 0) }) { p, o in
                p.0 += o.amount
                p.1 += 1
                return .use
            }
            result = r
            for p in partials { total += p.0; rows += p.1 }
        } else if partitions == 1 {
            let buckets = Buckets()
            result = try stream.forEachOrder { buckets.add($0); return .use }
            total = buckets.total
            rows = buckets.rows
        } else {
            let (partials, r) = try stream.forEachOrderInParallel(partitions: partitions, makePartial: { Buckets() }) { b, o in
                b.add(o)
                return .use
            }
            result = r
            for p in partials { total += p.total; rows += p.rows }
        }
        report("\(args[1]) x\(result.partitions)", path: args[2], rows: result.accounting.rowsRead, wall: now() - t0, before: before,
               extra: ", used \(rows), total \(Int(total.rounded())) \(result.currency)")
    } catch {
        fail(error.description)
    }
case "sha256":
    let before = cpuSeconds()
    let t0 = now()
    guard let f = fopen(args[2], "r") else { fail("cannot open \(args[2])") }
    var hasher = SHA256()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
        if n == 0 { break }
        buffer.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0[0..<n])) }
    }
    fclose(f)
    report("sha256", path: args[2], rows: 0, wall: now() - t0, before: before, extra: ", \(hasher.finalizeHex())")
case "cohorts":
    // The generator's orders run from 2022-01-01 for 1,000 days.
    guard let asOf = Day(iso: args.count >= 4 ? args[3] : "2024-09-30") else { fail("as-of must be YYYY-MM-DD") }
    cohortBenchmark(path: args[2], asOf: asOf)
case "predict-synthetic":
    syntheticPurchaseBenchmark(customers: args.count >= 3 ? Int(args[2]) ?? 1_000_000 : 1_000_000)
case "predict":
    // gen_crm.py's exports end on 2024-12-31.
    guard let asOf = Day(iso: args.count >= 4 ? args[3] : "2024-12-31") else { fail("as-of must be YYYY-MM-DD") }
    predictionBenchmark(directory: args[2], asOf: asOf)
case "load-dir":
    // Loads every export in a directory (as `retention` would) and prints the accounting.
    let before = cpuSeconds()
    let t0 = now()
    do {
        let files = InputFiles.discover(inDirectory: args[2])
        let data = try DatasetLoader.load(files, options: IngestOptions())
        for a in data.inputs {
            print("\(a.path) [\(a.entity)] read \(a.rowsRead) = used \(a.rowsUsed) + skipped \(a.rowsSkipped)")
            for s in a.skipped {
                print("  \(s.reason) × \(s.count): " + s.examples.map { $0.description }.joined(separator: " | "))
            }
            for w in a.warnings { print("  warning: \(w)") }
        }
        print("customers \(data.customers.count), subscriptions \(data.subscriptions.count), orders \(data.orders.count), "
            + "surveys \(data.surveys.count), tickets \(data.tickets.count), currency \(data.currency), "
            + "wall \(now() - t0) s, CPU \(cpuSeconds().user - before.user) s")
    } catch {
        fail(error.description)
    }
case "ingest":
    var options = IngestOptions()
    options.reportCurrency = "USD"
    options.rates = ["EUR": 1.08, "GBP": 1.27]
    let d = args[2]
    let steps: [(String, InputFiles)] = [
        ("customers", InputFiles(customers: d + "/customers.csv")),
        ("customers+orders", InputFiles(customers: d + "/customers.csv", orders: d + "/orders.csv")),
        ("customers+orders+surveys", InputFiles(customers: d + "/customers.csv", orders: d + "/orders.csv",
                                                surveys: d + "/surveys.csv")),
        ("customers+surveys", InputFiles(customers: d + "/customers.csv", surveys: d + "/surveys.csv")),
    ]
    let wanted = args.count >= 4 ? Set(args[3].split(separator: ",").compactMap { Int($0) }) : [0, 1, 2]
    for (k, (label, files)) in steps.enumerated() where wanted.contains(k) {
        let before = cpuSeconds()
        let t0 = now()
        do {
            let data = try DatasetLoader.load(files, options: options)
            let after = cpuSeconds()
            print("\(label): wall \(now() - t0) s, CPU \(after.user + after.system - before.user - before.system) s, "
                + "peak RSS \(after.maxRSSKiB / 1024) MiB, \(data.customers.count) customers, \(data.orders.count) orders, "
                + "\(data.surveys.count) answers")
        } catch {
            fail(error.description)
        }
    }
case "load":
    let before = cpuSeconds()
    let t0 = now()
    do {
        let data = try DatasetLoader.load(InputFiles(orders: args[2]), options: IngestOptions())
        let rows = data.inputs.first?.rowsRead ?? 0
        report("load", path: args[2], rows: rows, wall: now() - t0, before: before,
               extra: ", \(data.customers.count) customers, \(data.orders.count) orders, sha256 \(data.inputs.first?.sha256.prefix(12) ?? "")…")
    } catch {
        fail(error.description)
    }
default:
    fail("unknown command \(args[1])")
}
