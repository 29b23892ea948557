/// Why a mail message cannot be built from the given inputs.
public enum MailMessageError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidAddress(String)
    case noRecipients
    /// A line break in the subject or a display name (it would inject headers).
    case lineBreakInHeader(field: String)
    /// The as-of day is not a `yyyy-MM-dd` calendar day.
    case invalidDate(String)

    public var description: String {
        switch self {
        case .invalidAddress(let address):
            return "\"\(address)\" is not a mail address (expected name@example.com or Name <name@example.com>, ASCII address)"
        case .noRecipients:
            return "the message has no recipient; give at least one To address"
        case .lineBreakInHeader(let field):
            return "the \(field) contains a line break or control character; give it on one line"
        case .invalidDate(let text):
            return "\"\(text)\" is not a day written yyyy-MM-dd; the message date is taken from it"
        }
    }
}

/// The weekly report as a ready-to-send Internet message (RFC 5322, MIME RFC 2045–2049).
///
/// Structure:
/// ```
/// multipart/mixed
/// ├─ multipart/alternative
/// │  ├─ text/plain; charset=utf-8   (quoted-printable)
/// │  └─ text/html; charset=utf-8    (quoted-printable; a short summary, no SVG)
/// └─ the full report, Content-Disposition: attachment; filename="…" (base64, 76-column lines)
/// ```
/// Deterministic: the same inputs give the same bytes. `Date:` is the given ``MailDate``;
/// `Message-ID:` is `<hash@domain-of-From>` and the boundaries `=_mixed_<hash>` /
/// `=_alt_<hash>` are derived from FNV-1a hashes of all inputs. A boundary cannot occur in any
/// body: bodies are quoted-printable (where `=` is always followed by two hex digits or a line
/// break) or base64 (which has no `_`), so the sequence `=_` appears in neither.
/// All lines end with CRLF; no line is longer than 998 characters (a long subject is folded at
/// spaces, or written as encoded-words), body lines not over 76.
public struct MailMessage: Sendable {
    public struct Attachment: Sendable, Hashable {
        public var filename: String
        public var contentType: String
        public var bytes: [UInt8]

        public init(filename: String, contentType: String = "text/html; charset=utf-8", bytes: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public let from: MailAddress
    public let to: [MailAddress]
    public let subject: String
    public let date: MailDate
    public let plainText: String
    public let html: String
    public let attachment: Attachment

    public init(from: MailAddress, to: [MailAddress], subject: String, date: MailDate,
                plainText: String, html: String, attachment: Attachment) throws(MailMessageError) {
        guard !to.isEmpty else { throw .noRecipients }
        for address in [from] + to {
            guard address.isValid else { throw .invalidAddress(address.address) }
            if let name = address.name, name.contains(where: \.isNewline) {
                throw .lineBreakInHeader(field: "name of \(address.address)")
            }
        }
        if subject.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw .lineBreakInHeader(field: "subject")
        }
        if attachment.filename.contains(where: \.isNewline) || attachment.contentType.contains(where: \.isNewline) {
            throw .lineBreakInHeader(field: "attachment name or type")
        }
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.plainText = plainText
        self.html = html
        self.attachment = attachment
    }

    /// FNV-1a over every input, in a fixed order, with field separators.
    private func contentHash(salt: String) -> String {
        var hash = FNV1a64()
        hash.addField(salt.utf8)
        hash.addField(from.header.utf8)
        for address in to { hash.addField(address.header.utf8) }
        hash.addField(subject.utf8)
        hash.addField(date.rfc5322.utf8)
        hash.addField(plainText.utf8)
        hash.addField(html.utf8)
        hash.addField(attachment.filename.utf8)
        hash.addField(attachment.contentType.utf8)
        hash.addField(attachment.bytes)
        return hash.hex
    }

    /// `<32 hex digits@domain>`, the domain taken from the From address.
    public var messageID: String {
        "<\(contentHash(salt: "message-id-1"))\(contentHash(salt: "message-id-2"))@\(from.domain ?? "retention.invalid")>"
    }

    var mixedBoundary: String { "=_mixed_" + contentHash(salt: "mixed") }
    var alternativeBoundary: String { "=_alt_" + contentHash(salt: "alternative") }

    /// The complete message, CRLF line endings, ready for `sendmail -t` or an `.eml` file.
    public func rendered() -> [UInt8] {
        let mixed = mixedBoundary
        let alternative = alternativeBoundary
        var lines: [String] = [
            "From: \(from.header)",
            "To: " + to.map(\.header).joined(separator: ",\r\n "),
            "Subject: \(MIMEEncoding.headerText(subject, fieldName: "Subject"))",
            "Date: \(date.rfc5322)",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(mixed)\"",
            "",
            "This is a multi-part message in MIME format.",
            "--\(mixed)",
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
            "",
            "--\(alternative)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(plainText),
            "--\(alternative)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(html),
            "--\(alternative)--",
            "",
            "--\(mixed)",
            "Content-Type: \(attachment.contentType); \(MIMEEncoding.parameter("name", attachment.filename))",
            "Content-Disposition: attachment; \(MIMEEncoding.parameter("filename", attachment.filename))",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        if !attachment.bytes.isEmpty { lines.append(MIMEEncoding.base64Lines(attachment.bytes)) }
        lines.append("--\(mixed)--")
        lines.append("")
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}
