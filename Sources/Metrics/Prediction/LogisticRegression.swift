import Foundation

/// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
/// squares), on standardised features.
///
/// Each feature is standardised with the training rows' mean and standard deviation (population
/// form; a constant feature gets standard deviation 1, so it is 0 everywhere and its coefficient
/// stays 0). The fit minimises
///
///     −Σᵢ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)] + (λ/2) Σⱼ βⱼ²,   pᵢ = 1 / (1 + e^−(β₀ + Σⱼ βⱼ zᵢⱼ))
///
/// (the intercept β₀ is not penalised). Each Newton step solves (XᵀWX + λI′) Δ = −gradient by
/// Cholesky, W = diag(pᵢ(1 − pᵢ)); a step that raises the objective is halved. Stops when no
/// coefficient moves more than 10⁻⁹ (converged) or after 100 steps (not converged).
public struct LogisticRegression: Sendable, Hashable {
    public let featureNames: [String]
    public let means: [Double]
    public let scales: [Double]
    /// β₀ then one coefficient per feature, on the standardised scale.
    public let coefficients: [Double]
    public let lambda: Double
    public let iterations: Int
    public let converged: Bool

    /// Probability for one row of raw (unstandardised) features.
    public func probability(_ row: [Double]) -> Double {
        var eta = coefficients[0]
        for j in row.indices { eta += coefficients[j + 1] * (row[j] - means[j]) / scales[j] }
        return 1 / (1 + exp(-eta))
    }

    /// βⱼ × zⱼ for one row: how much each feature moves the log-odds from the average customer.
    public func contributions(_ row: [Double]) -> [Double] {
        row.indices.map { contribution(row, $0) }
    }

    /// βⱼ × zⱼ of feature `j` of `row`, zⱼ = (rowⱼ − meanⱼ) ÷ scaleⱼ.
    func contribution(_ row: [Double], _ j: Int) -> Double {
        coefficients[j + 1] * (row[j] - means[j]) / scales[j]
    }

    /// Fits on `rows` (raw features, one array per row) and 0/1 `labels`.
    public static func fit(rows: [[Double]], labels: [Bool], featureNames: [String], lambda: Double) -> LogisticRegression {
        fit(Design(rows: rows.flatMap { $0 }, labels: labels, featureNames: featureNames), lambda: lambda)
    }

    /// Training rows standardised once, for fits with different λ on the same rows (the λ search):
    /// the means, scales and design matrix do not depend on λ.
    struct Design {
        let featureNames: [String]
        let means: [Double]
        let scales: [Double]
        /// Row-major, `count` rows of `stride` values in groups of four: a leading 1 for the
        /// intercept, then the standardised features of `columns`, then zeros up to `stride`
        /// (`columns.count` rounded up to a multiple of 4, so that a fit reads a row four values
        /// at a time).
        let x: [SIMD4<Double>]
        /// The coefficient each column of `x` stands for, ascending: 0 for the intercept, then
        /// 1 + j for each feature j whose standardised value is not 0 in every row. A feature that
        /// is 0 in every row (a constant 0 such as a count that never happens) adds nothing but
        /// zeros to every sum of a fit, so it is left out of `x`.
        let columns: [Int]
        let y: [Double]
        let count: Int
        let stride: Int

        /// `rows` is row-major, `labels.count` rows of `featureNames.count` raw features.
        init(rows: [Double], labels: [Bool], featureNames: [String]) {
            let d = featureNames.count, count = labels.count
            precondition(rows.count == count * d, "a feature row per label")
            let n = Double(max(count, 1))
            var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
            for i in 0..<count { for j in 0..<d { means[j] += rows[i * d + j] / n } }
            for j in 0..<d {
                var variance = 0.0
                for i in 0..<count { variance += (rows[i * d + j] - means[j]) * (rows[i * d + j] - means[j]) / n }
                scales[j] = variance > 1e-24 ? variance.squareRoot() : 1
            }
            func standardised(_ i: Int, _ j: Int) -> Double { (rows[i * d + j] - means[j]) / scales[j] }
            let live = (0..<d).filter { j in (0..<count).contains { standardised($0, j) != 0 } }
            let columns = [0] + live.map { $0 + 1 }
            let stride = (columns.count + 3) / 4 * 4, groups = stride / 4
            var x = [SIMD4<Double>](repeating: .zero, count: count * groups)
            for i in 0..<count {
                x[i * groups][0] = 1
                for (c, j) in live.enumerated() { x[i * groups + (c + 1) / 4][(c + 1) % 4] = standardised(i, j) }
            }
            self.featureNames = featureNames
            self.means = means
            self.scales = scales
            self.x = x
            self.columns = columns
            self.y = labels.map { $0 ? 1.0 : 0.0 }
            self.count = count
            self.stride = stride
        }
    }

    /// Fits `design` with penalty `lambda`.
    ///
    /// Each sum is added in the order of the definition (rows in order; a row's η over the
    /// features in order), so the result does not depend on how the loops are laid out: the
    /// gradient and Hessian are summed by `NewtonSums` (element-wise adds and multiplies,
    /// nothing fused), and the η of the accepted step's rows, which the objective computed, are
    /// reused by the next Newton step instead of being computed again. The features left out of
    /// the design (0 in every row) add only zeros to η, the gradient and the Hessian, sums that
    /// start at +0 and so are never −0: leaving those terms out changes no bit, and their
    /// gradient and Hessian elements are the +0 the sums would give.
    static func fit(_ design: Design, lambda: Double) -> LogisticRegression {
        let k = design.featureNames.count + 1, count = design.count, groups = design.stride / 4
        let x = design.x, y = design.y, columns = design.columns, m = columns.count
        let n = Double(max(count, 1))
        let share = y.reduce(0, +) / n
        var beta = [Double](repeating: 0, count: k)
        // Start at the base rate so an all-0 or all-1 label set does not diverge at once.
        beta[0] = log(max(share, 1e-6) / max(1 - share, 1e-6))

        // The coefficients of the design's columns, in their order (scratch of `objective`).
        var designB = [Double](repeating: 0, count: m)
        /// The objective at `b`, each row's η left in `etas`.
        func objective(_ b: [Double], etas: inout [Double]) -> Double {
            var total = 0.0
            for c in 0..<m { designB[c] = b[columns[c]] }
            x.withUnsafeBytes { x in
                designB.withUnsafeBufferPointer { b in
                    etas.withUnsafeMutableBufferPointer { etas in
                        for i in 0..<count {
                            let xRow = x.baseAddress! + i &* groups &* 32
                            var eta = 0.0
                            for c in 0..<m { eta += b[c] * xRow.load(fromByteOffset: c &* 8, as: Double.self) }
                            etas[i] = eta
                            // −[y ln p + (1 − y) ln(1 − p)] = ln(1 + e^η) − yη, computed without overflow.
                            total += (eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta))) - y[i] * eta
                        }
                    }
                }
            }
            for j in 1..<k { total += lambda / 2 * b[j] * b[j] }
            return total
        }

        var etas = [Double](repeating: 0, count: count), candidateEtas = etas
        var current = objective(beta, etas: &etas)
        var iterations = 0, converged = false
        var gradient = [Double](repeating: 0, count: k)
        // The gradient in groups of four, and the Hessian as 4 × `groups` rows of `groups` groups
        // (`NewtonSums`); row j's elements from j on are the upper triangle, the rest is never read.
        var gradientGroups = [SIMD4<Double>](repeating: .zero, count: groups)
        var hessian = [SIMD4<Double>](repeating: .zero, count: 4 * groups * groups)
        var scratch = [SIMD4<Double>](repeating: .zero, count: NewtonSums.blockRows * groups)
        while iterations < 100 {
            iterations += 1
            for j in gradientGroups.indices { gradientGroups[j] = .zero }
            for j in hessian.indices { hessian[j] = .zero }
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    etas.withUnsafeBufferPointer { etas in
                        gradientGroups.withUnsafeMutableBufferPointer { g in
                            hessian.withUnsafeMutableBufferPointer { h in
                                scratch.withUnsafeMutableBufferPointer { scratch in
                                    NewtonSums.add(x: x, groups: groups, etas: etas, y: y, gradient: g, hessian: h, scratch: scratch)
                                }
                            }
                        }
                    }
                }
            }
            for j in 0..<k { gradient[j] = 0 }
            for c in 0..<m { gradient[columns[c]] = gradientGroups[c / 4][c % 4] }
            var matrix = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            for a in 0..<m {
                for c in a..<m {
                    let value = hessian[a * groups + c / 4][c % 4]
                    matrix[columns[a]][columns[c]] = value
                    matrix[columns[c]][columns[a]] = value
                }
            }
            for j in 1..<k {
                gradient[j] += lambda * beta[j]
                matrix[j][j] += lambda
            }
            matrix[0][0] += 1e-12
            guard let step = solveSymmetric(matrix, gradient) else { break }
            var t = 1.0, candidate = beta, value = current
            for _ in 0..<30 {
                candidate = (0..<k).map { beta[$0] - t * step[$0] }
                value = objective(candidate, etas: &candidateEtas)
                if value <= current + 1e-12 * abs(current) { break }
                t /= 2
            }
            let moved = (0..<k).map { abs(candidate[$0] - beta[$0]) }.max() ?? 0
            beta = candidate
            current = value
            swap(&etas, &candidateEtas)
            if moved < 1e-9 { converged = true; break }
        }
        return LogisticRegression(featureNames: design.featureNames, means: design.means, scales: design.scales, coefficients: beta,
                                  lambda: lambda, iterations: iterations, converged: converged)
    }

    /// Solves A s = g for symmetric positive definite A by Cholesky; nil when A is not.
    static func solveSymmetric(_ a: [[Double]], _ g: [Double]) -> [Double]? {
        let k = g.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            for j in 0...i {
                var sum = a[i][j]
                for m in 0..<j { sum -= l[i][m] * l[j][m] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        var z = [Double](repeating: 0, count: k)
        for i in 0..<k {
            var sum = g[i]
            for m in 0..<i { sum -= l[i][m] * z[m] }
            z[i] = sum / l[i][i]
        }
        var s = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var sum = z[i]
            for m in (i + 1)..<k { sum -= l[m][i] * s[m] }
            s[i] = sum / l[i][i]
        }
        return s
    }
}
