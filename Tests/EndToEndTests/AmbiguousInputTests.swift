import Foundation
import Testing
@testable import RetentionCLI

/// Two customers files in one --input folder.
@Suite struct AmbiguousInputTests {
    @Test func aStaleSecondCustomersFileIsAnErrorNamingBoth() {
        let dir = Harness.temporaryDirectory("ambiguous")
        Harness.write("Customer ID,Created Date\nC1,2026-01-05\n", to: dir + "/customers.csv")
        Harness.write("Customer ID,Created Date\nOLD,2019-01-05\n", to: dir + "/customers-2019-old.csv")
        let out = Harness.temporaryDirectory("ambiguous-out") + "/r.html"
        let run = Harness.run(["report", "--input", dir, "--out", out])
        #expect(run.status == .inputError)
        #expect(run.err == "error: 2 files in the input folder hold customers: \(dir)/customers-2019-old.csv, \(dir)/customers.csv; "
            + "keep one, or name the one to use with --customers FILE (when every name carries a date such as 2024-11-25, the newest is used)\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func datedNamesChooseTheNewestAndSaySo() {
        let dir = Harness.temporaryDirectory("dated")
        Harness.write("Customer ID,Created Date\nC1,2026-01-05\nC2,2026-02-05\n", to: dir + "/customers-2026-11-25.csv")
        Harness.write("Customer ID,Created Date\nC1,2026-01-05\n", to: dir + "/customers-2026-11-18.csv")
        let out = Harness.temporaryDirectory("dated-out")
        let run = Harness.run(["report", "--input", dir, "--out", out + "/r.html", "--metrics-json", out + "/m.json"])
        #expect(run.status == .success, "\(run.err)")
        // The choice, then (with --input) every file's recognition, the older file listed as not used.
        #expect(run.err == "retention: customers: using \(dir)/customers-2026-11-25.csv, the newest by the date in its name; "
            + "not used: \(dir)/customers-2026-11-18.csv\n"
            + "\(dir)/customers-2026-11-25.csv: note: read as customers (generic customers): 2 rows, 2 used\n"
            + "\(dir)/customers-2026-11-18.csv: warning: not used: an older customers export: "
            + "customers-2026-11-25.csv is newer by the date in its name\n")
        // The newest file's last signup (C2, 2026-02-05) is the report date.
        #expect(Harness.read(out + "/m.json").contains("\"as_of\": \"2026-02-05\""))
    }
}
