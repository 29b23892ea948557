import Foundation
import Model
import Testing
@testable import Sample

@Suite("Sample building blocks")
struct SampleBuildingBlockTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        // Reference outputs of SplitMix64 from state 0 (Vigna's splitmix64.c).
        var mixer = SplitMix64(state: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        #expect(mixer.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func generatorDrawsStayInRangeAndDependOnSeedAndStream() {
        var a = SeededGenerator(seed: 42, stream: 1)
        var b = SeededGenerator(seed: 42, stream: 1)
        var c = SeededGenerator(seed: 42, stream: 2)
        var sameAsC = 0
        for _ in 0..<1000 {
            let x = a.next()
            #expect(x == b.next())
            if x == c.next() { sameAsC += 1 }
            let u = a.unit()
            #expect(u >= 0 && u < 1)
            let k = a.int(in: 3...9)
            #expect((3...9).contains(k))
            _ = b.next(); _ = b.next()
            _ = c.unit(); _ = c.int(in: 0...1)
        }
        #expect(sameAsC == 0)
    }

    @Test func normalDrawsHaveMeanZeroAndUnitVariance() {
        var rng = SeededGenerator(seed: 1)
        var sum = 0.0, squares = 0.0
        let n = 20_000
        for _ in 0..<n {
            let x = rng.normal()
            sum += x
            squares += x * x
        }
        let mean = sum / Double(n)
        // Standard error of the mean is 1/√20000 ≈ 0.007; of the variance ≈ 0.009 (Irwin–Hall).
        #expect(abs(mean) < 0.03)
        #expect(abs(squares / Double(n) - mean * mean - 1) < 0.05)
    }

    @Test func billingAnniversariesClampToShortMonths() {
        let jan31 = Day(iso: "2025-01-31")!
        #expect(jan31.addingMonths(1) == Day(iso: "2025-02-28")!)
        #expect(jan31.addingMonths(2) == Day(iso: "2025-03-31")!)
        #expect(Day(iso: "2024-02-29")!.addingMonths(12) == Day(iso: "2025-02-28")!)
        #expect(Day(iso: "2025-11-15")!.addingMonths(3) == Day(iso: "2026-02-15")!)
        #expect(Day(iso: "2025-03-15")!.addingMonths(-3) == Day(iso: "2024-12-15")!)
    }

    @Test func signupCountsAddUpAndGrow() {
        let schedule = SignupSchedule(customers: 1200, endDay: Day(iso: "2026-11-20")!, months: 30)
        #expect(schedule.months.count == 30)
        #expect(schedule.start == Day(iso: "2024-06-01")!)
        #expect(schedule.months.reduce(0) { $0 + $1.signups } == 1200)
        // The last month holds only 20 of 30 days.
        #expect(schedule.months.last?.days == 20)
        #expect(schedule.months.first?.days == 30)
        // October 2026 vs October 2024: 1.035^24 ≈ 2.28 times the signups.
        let october2024 = schedule.months[4].signups, october2026 = schedule.months[28].signups
        #expect(Double(october2026) / Double(october2024) > 2.0 && Double(october2026) / Double(october2024) < 2.6)
    }

    @Test func largestRemainderSplitsExactly() {
        // 10 × (1, 1, 1) / 3 = 3.33 each: the leftover 1 goes to the first.
        #expect(SignupSchedule.apportion(10, weights: [1, 1, 1]) == [4, 3, 3])
        // 7 × (0.5, 0.3, 0.2) = 3.5, 2.1, 1.4 → 3, 2, 1 + one for the largest remainder (0.5).
        #expect(SignupSchedule.apportion(7, weights: [0.5, 0.3, 0.2]) == [4, 2, 1])
        #expect(SignupSchedule.apportion(0, weights: [1, 2]) == [0, 0])
    }

    @Test func writerFormatsValuesAsBytes() throws {
        let directory = try temporaryDirectory("writer")
        defer { removeDirectory(directory) }
        let w = try CSVFileWriter(directory: directory, name: "t.csv")
        w.amount(cents: 123_450); w.comma()
        w.amount(cents: -4_905); w.comma()
        w.amount(cents: 7); w.comma()
        w.identifier("C", 42, width: 6); w.comma()
        w.identifier("C", 1_234_567, width: 6); w.comma()
        w.day(Day(iso: "2024-02-29")!); w.comma()
        w.dateTime(Day(iso: "2025-03-04")!, secondOfDay: 3_723, iso: true); w.comma()
        w.dateTime(secondsSince1970: 86_399); w.comma()
        w.field("Müller & Söhne, GmbH"); w.comma()
        w.field("O'Brien \"Analytics\""); w.comma()
        w.field("plain"); w.comma()
        w.integer(-12)
        w.endRecord()
        try w.close()
        let text = try String(contentsOfFile: directory + "/t.csv", encoding: .utf8)
        #expect(text == "1234.50,-49.05,0.07,C000042,C1234567,2024-02-29,2025-03-04T01:02:03Z,1970-01-01 23:59:59,\"Müller & Söhne, GmbH\",\"O'Brien \"\"Analytics\"\"\",plain,-12\n")
        #expect(w.rows == 1 && w.bytesWritten == text.utf8.count)
    }

    @Test func writerHandlesRecordsLargerThanItsBuffer() throws {
        let directory = try temporaryDirectory("writer-large")
        defer { removeDirectory(directory) }
        let w = try CSVFileWriter(directory: directory, name: "big.csv")
        let long = String(repeating: "abcdefghij", count: 150_000)  // 1.5 MB > 1 MiB buffer
        w.raw("x,")
        w.field(long)
        w.endRecord()
        w.raw(long)
        w.endRecord()
        try w.close()
        let text = try String(contentsOfFile: directory + "/big.csv", encoding: .utf8)
        #expect(text == "x," + long + "\n" + long + "\n")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func writerReportsAFullDiskWithThePath() throws {
        // /dev/full accepts open(2) and fails every write(2) with ENOSPC.
        let w = try CSVFileWriter(directory: "/dev", name: "full")
        w.raw("Customer ID")
        w.endRecord()
        #expect(throws: SampleError.cannotWrite(path: "/dev/full", reason: "No space left on device")) {
            try w.close()
        }
        #expect(SampleError.cannotWrite(path: "/dev/full", reason: "No space left on device").description
                == "/dev/full: error: cannot write the sample file: No space left on device. Check free disk space and permissions, or choose another --out.")
    }
}
