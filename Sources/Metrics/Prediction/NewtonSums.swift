import Foundation

/// The sums of one Newton step of `LogisticRegression.fit`, over the rows in order:
///
///     gradient[j]  = Σᵢ (pᵢ − yᵢ) xᵢⱼ
///     hessian[j,l] = Σᵢ (wᵢ xᵢⱼ) xᵢₗ          (l ≥ j),   pᵢ = 1 / (1 + e^−ηᵢ),   wᵢ = max(pᵢ(1 − pᵢ), 10⁻¹²)
///
/// Every element is its own sum, added row after row from 0 with the operations above, so it
/// has the bits of the one-element-at-a-time loop. Only the loops around them are laid out for
/// speed: the rows are taken in blocks (`blockRows`), each row's wᵢxᵢⱼ worked out once, and the
/// Hessian summed in tiles of 4 × 4 elements (four rows j, one group of four columns l) kept in
/// registers through a block, each tile loaded before the block and stored after it.
enum NewtonSums {
    /// Rows per block: a block's rows and their wᵢxᵢⱼ stay in the first-level cache.
    static let blockRows = 64

    /// Adds the rows' terms to `gradient` (`groups` groups of four) and `hessian` (4 × `groups`
    /// rows of `groups` groups: element (j, l) is `hessian[j × groups + l / 4][l % 4]`).
    ///
    /// `x` is row-major, `groups` groups of four a row (as `LogisticRegression.Design.x`), `etas`
    /// and `y` one value a row; `scratch` holds `blockRows × groups` groups. Tiles below the
    /// diagonal are not summed; the diagonal tiles' elements below it are summed and not meant
    /// to be read.
    static func add(x: UnsafeBufferPointer<SIMD4<Double>>, groups: Int, etas: UnsafeBufferPointer<Double>,
                    y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<SIMD4<Double>>,
                    hessian: UnsafeMutableBufferPointer<SIMD4<Double>>, scratch: UnsafeMutableBufferPointer<SIMD4<Double>>) {
        let count = etas.count
        precondition(groups > 0 && x.count == count * groups && y.count == count && gradient.count == groups
                     && hessian.count == 4 * groups * groups && scratch.count >= blockRows * groups, "sizes of the sums")
        guard count > 0 else { return }
        let x = x.baseAddress!, g = gradient.baseAddress!, h = hessian.baseAddress!, wx = scratch.baseAddress!
        var start = 0
        while start < count {
            let end = min(start + blockRows, count)
            // Per row: the gradient's terms, and wᵢxᵢⱼ for every column into the scratch rows.
            for i in start..<end {
                let p = 1 / (1 + exp(-etas[i]))
                let w = SIMD4<Double>(repeating: max(p * (1 - p), 1e-12))
                let residual = SIMD4<Double>(repeating: p - y[i])
                let xRow = x + i &* groups, wxRow = wx + (i &- start) &* groups
                for c in 0..<groups {
                    let xc = xRow[c]
                    g[c] += residual * xc
                    wxRow[c] = w * xc
                }
            }
            // Tile (rows 4b…4b+3, column group c ≥ b): four running sums through the block's rows.
            for b in 0..<groups {
                for c in b..<groups {
                    let tile = h + (4 &* b &* groups &+ c)
                    var h0 = tile[0], h1 = tile[groups], h2 = tile[2 &* groups], h3 = tile[3 &* groups]
                    var xl = x + (start &* groups &+ c)
                    var wj = UnsafeRawPointer(wx + b)
                    for _ in start..<end {
                        let xs = xl.pointee
                        h0 += SIMD4(repeating: wj.load(as: Double.self)) * xs
                        h1 += SIMD4(repeating: wj.load(fromByteOffset: 8, as: Double.self)) * xs
                        h2 += SIMD4(repeating: wj.load(fromByteOffset: 16, as: Double.self)) * xs
                        h3 += SIMD4(repeating: wj.load(fromByteOffset: 24, as: Double.self)) * xs
                        xl += groups
                        wj += groups &* 32
                    }
                    tile[0] = h0
                    tile[groups] = h1
                    tile[2 &* groups] = h2
                    tile[3 &* groups] = h3
                }
            }
            start = end
        }
    }
}
