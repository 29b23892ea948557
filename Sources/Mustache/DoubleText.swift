/// A double's `description` (the shortest text that reads back to the same double: `0.1`,
/// `1.0`, `1e-05`, `-0.0`) appended as bytes, without building a `String` (most such texts are
/// longer than a small string, so `description` allocates one per number).
///
/// The text comes from `ShortestDouble` (the same digits and notation, in about three quarters
/// of the instructions), and for subnormal values from the standard library's own formatting, through
/// `Double`'s `TextOutputStreamable` conformance: the stream below takes its ASCII bytes as they
/// are written. For finite values that text is `description`'s; the tests compare the two on
/// millions of random and edge values. Non-finite values are not written here (JSON and the
/// customers CSV never print them).
public enum DoubleText {
    /// Appends `value.description`'s bytes to `out`; `value` must be finite.
    public static func append(_ value: Double, to out: inout [UInt8]) {
        guard value.isSubnormal else { return ShortestDouble.append(value, to: &out) }
        withUnsafeMutablePointer(to: &out) { pointer in
            var stream = ByteStream(out: pointer)
            value.write(to: &stream)
        }
    }

    /// A text stream into a byte array.
    private struct ByteStream: TextOutputStream {
        let out: UnsafeMutablePointer<[UInt8]>

        mutating func write(_ string: String) {
            var string = string
            string.withUTF8 { out.pointee.append(contentsOf: $0) }
        }

        /// The standard library hands a number's ASCII text here (the protocol's default would
        /// make a `String` of it first).
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
            out.pointee.append(contentsOf: buffer)
        }
    }
}
