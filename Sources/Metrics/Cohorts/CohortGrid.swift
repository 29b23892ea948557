/// The counts a cohort table is built from: per cohort (row r = period `first + r`), its size,
/// and per age k the customers retained and the revenue. Row r can reach ages 0 … width − 1 − r,
/// so the grid is a triangle.
struct CohortGrid {
    let first: Int
    let isEmpty: Bool
    var sizes: [Int]
    var retained: [[Int]]
    var revenue: [[Double]]

    init(first: Int, last: Int, empty: Bool = false) {
        self.first = first
        self.isEmpty = empty
        let width = empty ? 0 : last - first + 1
        sizes = Array(repeating: 0, count: width)
        retained = (0..<width).map { Array(repeating: 0, count: width - $0) }
        revenue = (0..<width).map { Array(repeating: 0.0, count: width - $0) }
    }

    /// Counts `m` (its cohort is in the grid): its size, the periods it is retained in (every
    /// period from its cohort through its last active one when `unbounded`), and its revenue,
    /// up to period `last`.
    mutating func add(_ m: CohortMember, unbounded: Bool, last: Int) {
        let r = m.cohort - first
        sizes[r] += 1
        if unbounded {
            if let lastActive = m.lastActive, lastActive >= m.cohort {
                for p in m.cohort...min(lastActive, last) { retained[r][p - m.cohort] += 1 }
            }
        } else {
            for range in m.active {
                let lo = max(range.lowerBound, m.cohort), hi = min(range.upperBound, last)
                if lo <= hi { for p in lo...hi { retained[r][p - m.cohort] += 1 } }
            }
        }
        for (range, amount) in m.revenue {
            let lo = max(range.lowerBound, m.cohort), hi = min(range.upperBound, last)
            if lo <= hi { for p in lo...hi { revenue[r][p - m.cohort] += amount } }
        }
    }
}
