/// The counts a cohort table is built from: per cohort (row r = period `first + r`), its size,
/// and per age k the customers retained and the revenue. Row r can reach ages 0 … width − 1 − r,
/// so the grid is a triangle, kept row after row in one flat array per count (row r starts at
/// r × width − r × (r − 1) ÷ 2): adding a member touches one array, not an array per row.
struct CohortGrid {
    let first: Int
    let isEmpty: Bool
    var sizes: [Int]
    private var retainedCells: [Int]
    private var revenueCells: [Double]

    init(first: Int, last: Int, empty: Bool = false) {
        self.first = first
        self.isEmpty = empty
        let width = empty ? 0 : last - first + 1
        sizes = Array(repeating: 0, count: width)
        // Rows of width, width − 1, …, 1 cells: width × (width + 1) ÷ 2 in all.
        retainedCells = Array(repeating: 0, count: width * (width + 1) / 2)
        revenueCells = Array(repeating: 0, count: width * (width + 1) / 2)
    }

    /// Where row r's cells start: after rows 0 … r − 1 of width, width − 1, …, width − r + 1 cells.
    @inline(__always)
    private func rowStart(_ r: Int) -> Int { r * sizes.count - r * (r - 1) / 2 }

    /// Customers of row r retained at age k (k < width − r).
    func retained(_ r: Int, _ k: Int) -> Int { retainedCells[rowStart(r) + k] }

    /// Revenue of row r at age k (k < width − r).
    func revenue(_ r: Int, _ k: Int) -> Double { revenueCells[rowStart(r) + k] }

    mutating func addRetained(_ r: Int, _ k: Int) { retainedCells[rowStart(r) + k] += 1 }

    mutating func addRevenue(_ r: Int, _ k: Int, _ amount: Double) { revenueCells[rowStart(r) + k] += amount }

    /// The rows of the cohorts of `cohorts` (period indices; those outside the grid are
    /// skipped) copied from `other`, a grid of the same first cohort and width.
    mutating func copyRows(of cohorts: Range<Int>, from other: CohortGrid) {
        precondition(other.first == first && other.sizes.count == sizes.count, "grids of different shapes")
        let lo = max(cohorts.lowerBound - first, 0), hi = min(cohorts.upperBound - first, sizes.count)
        guard lo < hi else { return }
        sizes[lo..<hi] = other.sizes[lo..<hi]
        let cells = rowStart(lo)..<rowStart(hi)
        retainedCells[cells] = other.retainedCells[cells]
        revenueCells[cells] = other.revenueCells[cells]
    }

    /// Counts `m` (its cohort is in the grid): its size, the periods it is retained in (every
    /// period from its cohort through its last active one when `unbounded`), and its revenue,
    /// up to period `last`.
    mutating func add(_ m: CohortMember, unbounded: Bool, last: Int) {
        let r = m.cohort - first
        sizes[r] += 1
        // Period p of the member is age p − cohort of its row.
        let base = rowStart(r) - m.cohort
        // The cells of a member's periods are inside its row (its cohort through `last`): their
        // positions and counts are worked out without overflow checks.
        retainedCells.withUnsafeMutableBufferPointer { retained in
            if unbounded {
                if let lastActive = m.lastActive, lastActive >= m.cohort {
                    for p in m.cohort...min(lastActive, last) { retained[base &+ p] &+= 1 }
                }
            } else {
                for range in m.active {
                    let lo = max(range.lowerBound, m.cohort), hi = min(range.upperBound, last)
                    if lo <= hi { for p in lo...hi { retained[base &+ p] &+= 1 } }
                }
            }
        }
        revenueCells.withUnsafeMutableBufferPointer { revenue in
            for (range, amount) in m.revenue {
                let lo = max(range.lowerBound, m.cohort), hi = min(range.upperBound, last)
                if lo <= hi { for p in lo...hi { revenue[base &+ p] += amount } }
            }
        }
    }
}
