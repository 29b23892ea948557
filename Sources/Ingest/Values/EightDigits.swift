/// Up to eight ASCII digits read as one number from one 8-byte word (SWAR), without a loop over
/// the bytes: a customer id's number (`CUST-0000360`) is read for every order row.
enum EightDigits {
    /// The number the `count` bytes (1…8) before `end` write, when every one is a digit; nil
    /// otherwise. The eight bytes before `end` must be readable (bytes before the digits are
    /// read and ignored).
    ///
    /// The word is loaded little-endian, so the first digit is its lowest byte; the bytes before
    /// the digits are made `0`. Every byte is a digit exactly when its high nibble is 3 and
    /// stays 3 after adding 6 (0x39 + 6 = 0x3F, 0x3A + 6 = 0x40; no carry leaves a byte). The
    /// digits are then paired into 2-digit, 4-digit and 8-digit numbers by three multiplications:
    /// × (10·2⁸ + 1), × (100·2¹⁶ + 1), × (10⁴·2³² + 1), each keeping the pairs' sums.
    @inline(__always)
    static func value(endingAt end: UnsafePointer<UInt8>, count: Int) -> UInt64? {
        let zeros: UInt64 = 0x3030_3030_3030_3030, high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        var word = UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self)
        // count is 1…8: the shift is 0…56 bits, worked out without overflow checks.
        let kept: UInt64 = count >= 8 ? ~0 : ~0 &<< UInt64(truncatingIfNeeded: (8 &- count) &* 8)
        word = (word & kept) | (zeros & ~kept)
        guard word & high == zeros, (word &+ 0x0606_0606_0606_0606) & high == zeros else { return nil }
        var v = word & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 2561) >> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        return v & 0xFFFF_FFFF
    }
}
