import CLibCrypto

/// SHA-256 (FIPS 180-4) over bytes, incremental. Used to fingerprint every input file so a
/// report can be reproduced from exactly the same exports. Foundation on Linux has no digest
/// API, so the compression runs in OpenSSL's libcrypto (Debian's libssl-dev), which uses the
/// CPU's SHA instructions where present (about 10× our former Swift loop).
public struct SHA256: Sendable {
    private var context = SHA256_CTX()

    public init() { SHA256_Init(&context) }

    /// Lowercase hex digest of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        var h = SHA256()
        h.update(bytes)
        return h.finalizeHex()
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    public mutating func update(_ buf: UnsafeBufferPointer<UInt8>) {
        guard let base = buf.baseAddress, !buf.isEmpty else { return }
        SHA256_Update(&context, base, buf.count)
    }

    public mutating func update(_ buf: UnsafeRawBufferPointer) {
        guard let base = buf.baseAddress, !buf.isEmpty else { return }
        SHA256_Update(&context, base, buf.count)
    }

    /// Finishes the digest (the value must not be updated afterwards).
    public mutating func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        SHA256_Final(&digest, &context)
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
