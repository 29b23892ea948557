/// Whether a file is binary, decided from its first block as git does (a NUL in the first
/// 8 000 bytes, `buffer_is_binary` in git's xdiff-interface.c), or from the share of control
/// bytes there: more than `maxControlShare` of the block in C0 controls other than tab, line
/// feed, form feed and carriage return, or DEL. A spreadsheet, an archive or an image fails
/// at once; a text export with one stray NUL deep inside is text, and the row holding the
/// NUL is skipped as `control_character` (see `NULRows`).
enum BinarySniff {
    static let blockSize = 8_000
    static let maxControlShare = 0.1

    /// Offset of the first NUL or control byte in the first block of a binary file; nil for text.
    static func binaryOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = min(bytes.count, blockSize)
        var controls = 0
        var firstControl: Int?
        for k in 0..<n {
            let b = bytes[k]
            if b == 0 { return k }
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0C && b != 0x0D) || b == 0x7F {
                controls += 1
                if firstControl == nil { firstControl = k }
            }
        }
        return Double(controls) > maxControlShare * Double(n) ? firstControl : nil
    }

    static func binaryOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { binaryOffset($0) }
    }
}

/// Rows that hold a NUL byte in a file that is text by `BinarySniff`: such a row is a damaged
/// line (a NUL in an id or a date would silently mismatch), so it is skipped as
/// `control_character` at the NUL's line and column, and the rest of the file is used.
enum NULRows {
    static let reason = "control_character"
    static let message = "the row holds a NUL byte (a damaged line in the export); the row is skipped"

    /// Byte offset of the first NUL from `start` to `end`, if any.
    @inline(__always)
    static func firstNUL(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard let base = text.baseAddress, end > start else { return nil }
        var k = start
        while k < end { if base[k] == 0 { return k }; k += 1 }
        return nil
    }
}
