import Foundation
import Testing
import Validation
@testable import Publishing

@Suite struct MailMessageTests {
    let report = Array(validReport("Week 47 — café").utf8) + Array(repeating: UInt8(ascii: "x"), count: 200)

    func message(subject: String = "Rétention 2026-W47 — Acme", attachment: [UInt8]? = nil) throws -> MailMessage {
        try MailMessage(
            from: MailAddress("reports@acme.example", name: "Acme Retention"),
            to: [MailAddress("cfo@acme.example"), MailAddress("cs@acme.example", name: "Équipe CS")],
            subject: subject,
            date: try #require(MailDate(isoDay: "2026-11-22")),
            plainText: "Active customers: 1,204\nMRR: $84,120 =\nSee the attached report.",
            html: "<p>Active customers: <strong>1,204</strong></p>\n<p>MRR: $84,120</p>",
            attachment: .init(filename: "retention-2026-W47.html", bytes: attachment ?? report))
    }

    /// The message as text lines; fails the test if any line break is not CRLF.
    func lines(_ message: MailMessage) -> [String] {
        let text = String(decoding: message.rendered(), as: UTF8.self)
        #expect(!text.replacing("\r\n", with: "").contains("\n"))
        #expect(!text.replacing("\r\n", with: "").contains("\r"))
        #expect(text.hasSuffix("\r\n"))
        return text.components(separatedBy: "\r\n")
    }

    @Test func headersAreStandardAndDeterministic() throws {
        let message = try message()
        let lines = lines(message)
        let headerEnd = try #require(lines.firstIndex(of: ""))
        let boundary = message.mixedBoundary
        #expect(Array(lines[0..<headerEnd]) == [
            "From: \"Acme Retention\" <reports@acme.example>",
            // "Équipe CS" in UTF-8, base64: w4lxdWlwZSBDUw==
            "To: cfo@acme.example,",
            " =?UTF-8?B?w4lxdWlwZSBDUw==?= <cs@acme.example>",
            // "Rétention 2026-W47 — Acme" is 28 bytes of UTF-8: one encoded-word.
            "Subject: =?UTF-8?B?UsOpdGVudGlvbiAyMDI2LVc0NyDigJQgQWNtZQ==?=",
            // 2026-11-22 is a Sunday (2026-01-01 is a Thursday; day 326 of the year: 325 % 7 = 3).
            "Date: Sun, 22 Nov 2026 08:00:00 +0000",
            "Message-ID: \(message.messageID)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(boundary)\"",
        ])
        #expect(message.messageID.hasSuffix("@acme.example>") && message.messageID.count == 1 + 32 + 14)
        #expect(try self.message().rendered() == message.rendered())
        #expect(Data(base64Encoded: "UsOpdGVudGlvbiAyMDI2LVc0NyDigJQgQWNtZQ==").map { String(decoding: $0, as: UTF8.self) }
            == "Rétention 2026-W47 — Acme")
    }

    @Test func plainSubjectStaysReadable() throws {
        #expect(lines(try message(subject: "Retention 2026-W47")).contains("Subject: Retention 2026-W47"))
    }

    @Test func longNonASCIISubjectIsSplitIntoShortEncodedWords() throws {
        let subject = String(repeating: "Rétention hebdomadaire · ", count: 4)
        let all = lines(try message(subject: subject))
        let start = try #require(all.firstIndex { $0.hasPrefix("Subject: ") })
        var words = [String(all[start].dropFirst("Subject: ".count))]
        var next = start + 1
        while all[next].hasPrefix(" ") { words.append(String(all[next].dropFirst())); next += 1 }
        #expect(words.count > 1)
        #expect(all[start...next - 1].allSatisfy { $0.count <= 78 })
        let decoded = words.map { word -> String in
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = String(word.dropFirst(10).dropLast(2))
            return Data(base64Encoded: payload).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }.joined()
        #expect(decoded == subject)
    }

    @Test func multipartStructureAndBoundaries() throws {
        let message = try message()
        let lines = lines(message)
        let mixed = message.mixedBoundary
        let alternative = message.alternativeBoundary
        #expect(mixed.hasPrefix("=_mixed_") && alternative.hasPrefix("=_alt_") && mixed != alternative)
        // Delimiter lines, in order: mixed, alternative ×2, alternative close, mixed, mixed close.
        let delimiters = lines.filter { $0.hasPrefix("--") }
        #expect(delimiters == ["--\(mixed)", "--\(alternative)", "--\(alternative)", "--\(alternative)--",
                               "--\(mixed)", "--\(mixed)--"])
        // Neither boundary occurs anywhere else (only in the delimiters and the two parameters).
        let text = lines.joined(separator: "\n")
        #expect(text.components(separatedBy: mixed).count - 1 == 3 + 1)
        #expect(text.components(separatedBy: alternative).count - 1 == 3 + 1)
        #expect(lines.contains("Content-Type: multipart/alternative; boundary=\"\(alternative)\""))
        let partHeaders = [
            ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
            ["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
            ["Content-Type: text/html; charset=utf-8; name=\"retention-2026-W47.html\"",
             "Content-Disposition: attachment; filename=\"retention-2026-W47.html\"",
             "Content-Transfer-Encoding: base64"],
        ]
        for headers in partHeaders {
            let start = try #require(lines.firstIndex(of: headers[0]))
            #expect(Array(lines[start..<start + headers.count]) == headers)
            #expect(lines[start + headers.count] == "")
        }
    }

    @Test func attachmentIsBase64InShortLinesAndDecodesToTheReport() throws {
        let message = try message()
        let lines = lines(message)
        let start = try #require(lines.firstIndex(of: "Content-Transfer-Encoding: base64")) + 2
        let end = try #require(lines.firstIndex(of: "--\(message.mixedBoundary)--"))
        let body = Array(lines[start..<end])
        #expect(body.allSatisfy { $0.count <= 76 })
        #expect(body.dropLast().allSatisfy { $0.count == 76 })
        let decoded = try #require(Data(base64Encoded: body.joined()))
        #expect([UInt8](decoded) == report)
    }

    @Test func textPartsAreQuotedPrintableAndDecodeToTheInput() throws {
        let message = try message()
        let lines = lines(message)
        let start = try #require(lines.firstIndex(of: "Content-Type: text/plain; charset=utf-8")) + 3
        let end = try #require(lines[start...].firstIndex { $0.hasPrefix("--") })
        let part = Array(lines[start..<end])
        #expect(part == ["Active customers: 1,204", "MRR: $84,120 =3D", "See the attached report."])
        #expect(decodeQuotedPrintable(part) == "Active customers: 1,204\r\nMRR: $84,120 =\r\nSee the attached report.")
    }

    @Test func quotedPrintableWrapsLongLinesAndEscapesTrailingSpace() {
        let line = String(repeating: "é", count: 30) + " end "
        let encoded = MIMEEncoding.quotedPrintable(line + "\n.dot")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.last == "=2Edot")
        #expect(lines[lines.count - 2].hasSuffix("end=20"))
        #expect(!encoded.contains("=_"))
        #expect(decodeQuotedPrintable(lines) == line + "\r\n.dot")
    }

    @Test func differentContentGivesDifferentIdentifiers() throws {
        let one = try message()
        let other = try message(attachment: report + [0x0A])
        #expect(one.messageID != other.messageID)
        #expect(one.mixedBoundary != other.mixedBoundary)
    }

    @Test func badInputsAreErrors() throws {
        let date = try #require(MailDate(isoDay: "2026-11-22"))
        let attachment = MailMessage.Attachment(filename: "r.html", bytes: [])
        #expect(throws: MailMessageError.invalidAddress("not an address")) {
            try MailMessage(from: MailAddress("not an address"), to: [MailAddress("a@b.example")], subject: "s",
                            date: date, plainText: "", html: "", attachment: attachment)
        }
        #expect(throws: MailMessageError.lineBreakInHeader(field: "subject")) {
            try MailMessage(from: MailAddress("a@b.example"), to: [MailAddress("c@d.example")], subject: "s\nBcc: x@y.example",
                            date: date, plainText: "", html: "", attachment: attachment)
        }
        #expect(throws: MailMessageError.noRecipients) {
            try MailMessage(from: MailAddress("a@b.example"), to: [], subject: "s",
                            date: date, plainText: "", html: "", attachment: attachment)
        }
        #expect("\(MailMessageError.noRecipients)" == "the message has no recipient; give at least one To address")
    }

    @Test func mailDatesAreCalendarDays() {
        #expect(MailDate(isoDay: "2024-02-29")?.rfc5322 == "Thu, 29 Feb 2024 08:00:00 +0000")
        #expect(MailDate(isoDay: "1970-01-01", hour: 0)?.rfc5322 == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailDate(isoDay: "2026-02-29") == nil)
        #expect(MailDate(isoDay: "2026-13-01") == nil)
        #expect(MailDate(isoDay: "26-11-22") == nil)
    }

    @Test func nonASCIIFilenameUsesRFC2231() {
        #expect(MIMEEncoding.parameter("filename", "rétention.html") == "filename*=UTF-8''r%C3%A9tention.html")
    }
}

/// An independent quoted-printable decoder (RFC 2045 §6.7) for the tests.
func decodeQuotedPrintable(_ lines: [String]) -> String {
    var bytes: [UInt8] = []
    for (index, line) in lines.enumerated() {
        var chars = Array(line.utf8)
        let soft = chars.last == UInt8(ascii: "=")
        if soft { chars.removeLast() }
        var position = 0
        while position < chars.count {
            if chars[position] == UInt8(ascii: "="), position + 2 < chars.count,
               let value = UInt8(String(decoding: chars[position + 1...position + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                position += 3
            } else {
                bytes.append(chars[position])
                position += 1
            }
        }
        if !soft && index < lines.count - 1 { bytes += [0x0D, 0x0A] }
    }
    return String(decoding: bytes, as: UTF8.self)
}

@Suite struct ReportMailTests {
    let headline = ReportHeadline(title: "Acme retention <weekly>", asOf: "2026-11-22", figures: [
        HeadlineFigure(label: "Active customers", value: "1,204"),
        HeadlineFigure(label: "MRR", value: "$84,120"),
    ])

    @Test func plainTextBodyListsTheHeadline() {
        #expect(headline.mailPlainText(attachmentName: "retention-2026-W47.html") == """
            Acme retention <weekly>
            As of 2026-11-22

            Active customers: 1,204
            MRR: $84,120

            The full report is attached: retention-2026-W47.html

            """)
    }

    @Test func htmlBodyIsShortValidPolyglotHTML() {
        let html = headline.mailHTML(attachmentName: "retention-2026-W47.html")
        #expect(ReportValidator().validate(html: Array(html.utf8), path: "body.html") == [])
        #expect(!html.contains("<svg") && !html.contains("<img"))
        #expect(html.contains("<title>Acme retention &lt;weekly&gt;</title>"))
        // The report's landmarks: everything in the body is inside header, main or footer.
        #expect(html.contains("<body style=\"font-family: Arial, Helvetica, sans-serif; color: #1f2933;\">\n<header>\n<h1 "))
        #expect(html.contains("</p>\n</header>\n<main>\n<table"))
        #expect(html.hasSuffix("</table>\n</main>\n<footer>\n<p>The full report is attached: retention-2026-W47.html</p>\n</footer>\n</body>\n</html>\n"))
        #expect(html.contains("<tr><th scope=\"row\" style=\"text-align: left; font-weight: normal; color: #52606d; padding: 4px 16px 4px 0;\">MRR</th><td style=\"font-weight: bold; padding: 4px 0;\">$84,120</td></tr>"))
    }

    @Test func reportMessageIsDatedOnTheAsOfDayAndNamesTheAttachment() throws {
        let message = try MailMessage.report(
            from: MailAddress("reports@acme.example"), to: [MailAddress("cfo@acme.example")],
            headline: headline, periodLabel: "2026-W47", report: Array("<!DOCTYPE html>".utf8))
        let text = String(decoding: message.rendered(), as: UTF8.self)
        #expect(text.contains("\r\nDate: Sun, 22 Nov 2026 08:00:00 +0000\r\n"))
        #expect(text.contains("\r\nContent-Disposition: attachment; filename=\"retention-2026-W47.html\"\r\n"))
        // "Acme retention <weekly> — 2026-W47" has an em dash: encoded-word, decoded back here.
        let subject = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        let payload = subject.dropFirst("Subject: =?UTF-8?B?".count).dropLast(2)
        #expect(Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) } == "Acme retention <weekly> — 2026-W47")
        #expect(throws: MailMessageError.invalidDate("22/11/2026")) {
            try MailMessage.report(from: MailAddress("a@b.example"), to: [MailAddress("c@d.example")],
                                   headline: ReportHeadline(title: "t", asOf: "22/11/2026", figures: []),
                                   periodLabel: "2026-W47", report: [])
        }
    }

    @Test func headlineIsReadFromMetricsJSONInFileOrder() throws {
        let json = Array(#"{"as_of": "2026-11-22", "headline": {"MRR": "$84,120", "Active customers": 1204}, "title": "Acme"}"#.utf8)
        #expect(try ReportHeadline(metricsJSON: json, path: "m.json") == ReportHeadline(title: "Acme", asOf: "2026-11-22", figures: [
            HeadlineFigure(label: "MRR", value: "$84,120"), HeadlineFigure(label: "Active customers", value: "1204"),
        ]))
        #expect(throws: PublishingError.invalidMetrics(path: "m.json", reason: "\"headline\".\"x\" must be a string")) {
            try ReportHeadline(metricsJSON: Array(#"{"title": "A", "as_of": "2026-11-22", "headline": {"x": [1]}}"#.utf8), path: "m.json")
        }
    }
}
