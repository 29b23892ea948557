/// A mailbox for `From:`/`To:`: an ASCII address, optionally with a display name
/// (any Unicode; encoded per RFC 2047 when needed).
public struct MailAddress: Sendable, Hashable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// RFC 5322 `name-addr` / `addr-spec`: `"Customer Success" <cs@example.com>`.
    var header: String {
        guard let name, !name.isEmpty else { return address }
        if MIMEEncoding.isPlainHeaderText(name) {
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
