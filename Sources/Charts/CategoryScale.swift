/// Evenly spaced bands for categories (periods, items): with `step = (end − start) / count`,
/// band `i` is centred at `start + (i + 0.5) × step` and is `(1 − padding) × step` wide.
struct CategoryScale {
    let count: Int
    let start: Double
    let end: Double
    /// Fraction of each step left empty around the band (split over both sides).
    let padding: Double

    var step: Double { count > 0 ? (end - start) / Double(count) : 0 }
    var bandWidth: Double { step * (1 - padding) }
    func center(_ index: Int) -> Double { start + step * (Double(index) + 0.5) }
    func bandStart(_ index: Int) -> Double { center(index) - bandWidth / 2 }

    /// Which labels to show when not all fit: every n-th, counted back from the last one so the
    /// latest period is always labelled. `slot` is the width one label needs.
    static func labelledIndices(count: Int, width: Double, slot: Double) -> [Int] {
        guard count > 0 else { return [] }
        let fitting = max(1, Int(exactly: min(max(width / max(slot, 1), 0), 1e9).rounded(.down)) ?? 1)
        let stride = (count + fitting - 1) / fitting
        return (0..<count).filter { (count - 1 - $0) % stride == 0 }
    }
}
