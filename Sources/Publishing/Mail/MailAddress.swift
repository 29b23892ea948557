import MarkupText

/// A mailbox for `From:`/`To:`: an ASCII address, optionally with a display name
/// (any Unicode; encoded per RFC 2047 when needed).
public struct MailAddress: Sendable, Hashable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// Reads a mailbox as mail users type it (RFC 5322 `mailbox`): `r@acme.example`,
    /// `Reports <r@acme.example>`, `"Acme, Reports" <r@acme.example>` or a non-ASCII display
    /// name such as `Équipe Rétention <r@acme.example>` (encoded per RFC 2047 when written).
    /// A quoted name may contain `\"` and `\\`. Refused with a reason: an invalid address,
    /// text after `>`, an unterminated quote, a line break or other control character.
    public init(parsing text: String) throws(MailMessageError) {
        let trimmed = Self.trimmed(text)
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .lineBreakInHeader(field: "address \"\(MarkupText.cleaned(trimmed))\"")
        }
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            guard !trimmed.contains("<") && !trimmed.contains(">") else { throw .invalidAddress(trimmed) }
            self.init(trimmed)
            guard isValid else { throw .invalidAddress(trimmed) }
            return
        }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = Self.trimmed(String(trimmed[..<open]))
        if name.hasPrefix("\"") {
            guard name.count >= 2, name.hasSuffix("\"") else { throw .invalidAddress(trimmed) }
            var unquoted = ""
            var escaping = false
            for character in name.dropFirst().dropLast() {
                if escaping { unquoted.append(character); escaping = false }
                else if character == "\\" { escaping = true }
                else if character == "\"" { throw .invalidAddress(trimmed) }
                else { unquoted.append(character) }
            }
            if escaping { throw .invalidAddress(trimmed) }
            name = unquoted
        }
        self.init(address, name: name.isEmpty ? nil : MarkupText.cleaned(name))
        guard isValid else { throw .invalidAddress(address) }
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    /// RFC 5322 `name-addr` / `addr-spec`: `"Customer Success" <cs@example.com>`.
    var header: String {
        guard let name, !name.isEmpty else { return address }
        if MIMEEncoding.isPlainHeaderText(name) && name.utf8.count < 900 {
            let quoted = name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return MIMEEncoding.encodedWords(name) + " <\(address)>"
    }

    /// The domain after the last `@`, for the Message-ID.
    var domain: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }

    /// Printable ASCII without spaces, `<`, `>`, `,`, exactly one `@` with text on both sides.
    var isValid: Bool {
        let bytes = Array(address.utf8)
        let ats = bytes.filter { $0 == UInt8(ascii: "@") }.count
        return ats == 1 && bytes.first != UInt8(ascii: "@") && bytes.last != UInt8(ascii: "@")
            && bytes.allSatisfy { (33...126).contains($0) && !"<>,;\"()[]\\".utf8.contains($0) }
    }
}
