/// Salesforce record ids: the case-sensitive 15-character form (report exports, formulas,
/// URLs) and the 18-character case-safe form (API, Data Loader) name the same record.
///
/// The 18-character form is the 15 characters followed by a 3-character checksum of their
/// case: the id is cut into three blocks of 5 characters; in each block, character k
/// (k = 0…4, left to right) contributes 2^k when it is an upper-case letter A–Z; the block's
/// sum (0…31) is written as one character of `ABCDEFGHIJKLMNOPQRSTUVWXYZ012345`.
/// Example: `0015000000Gv7qJ` → blocks `00150` (0 → A), `00000` (0 → A), `Gv7qJ`
/// (G = 1 + J = 16 = 17 → R) → `0015000000Gv7qJAAR`.
///
/// Source: Salesforce SOAP API Developer Guide, "Field Types → ID" (15-character
/// case-sensitive and 18-character case-insensitive ids, the suffix encodes the case of the
/// first 15 characters; the algorithm is also given in the CASESAFEID() formula help).
public enum SalesforceID {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// The 3-character checksum of a 15-character id; nil when `id` is not 15 ASCII letters or digits.
    public static func checksum<C: Collection>(_ id: C) -> [UInt8]? where C.Element == UInt8 {
        guard id.count == 15, id.allSatisfy(isAlphanumeric) else { return nil }
        var out: [UInt8] = []
        var block = 0, bit = 0
        for b in id {
            if b >= 0x41 && b <= 0x5A { block |= 1 << bit }
            bit += 1
            if bit == 5 {
                out.append(alphabet[block])
                block = 0
                bit = 0
            }
        }
        return out
    }

    /// The 15-character form of a Salesforce id: a 15-character alphanumeric id as is, an
    /// 18-character one without its suffix when the suffix is the valid checksum of the first
    /// 15. Nil for anything else (including an 18-character value with a wrong suffix, which
    /// is then not treated as a Salesforce id at all).
    public static func canonical<C: Collection>(_ id: C) -> String? where C.Element == UInt8 {
        let count = id.count
        guard count == 15 || count == 18 else { return nil }  // before copying any bytes
        let bytes = Array(id)
        switch bytes.count {
        case 15:
            return checksum(bytes) == nil ? nil : String(decoding: bytes, as: UTF8.self)
        case 18:
            guard let sum = checksum(bytes[0..<15]) else { return nil }
            // The suffix is case-insensitive: Salesforce accepts `aar` for `AAR`.
            let suffix = bytes[15..<18].map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
            return suffix == sum ? String(decoding: bytes[0..<15], as: UTF8.self) : nil
        default:
            return nil
        }
    }

    /// The 18-character case-safe form of a 15-character id (nil when not a valid 15-character id).
    public static func caseSafe(_ id: String) -> String? {
        guard let sum = checksum(Array(id.utf8)) else { return nil }
        return id + String(decoding: sum, as: UTF8.self)
    }

    @inline(__always)
    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
