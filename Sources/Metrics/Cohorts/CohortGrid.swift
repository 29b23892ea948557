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
}
