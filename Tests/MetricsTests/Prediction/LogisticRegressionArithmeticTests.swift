import Foundation
import Testing
@testable import Metrics

/// The fit's loops are laid out for speed (padded rows, the Hessian four elements at a time, η
/// reused from the line search), but every sum must still be added in the definition's order:
/// the fitted coefficients are compared bit for bit with the plain formula below.
@Suite struct LogisticRegressionArithmeticTests {
    /// Newton's method written plainly, one element at a time, from the type's documentation:
    /// standardised features (population standard deviation, 1 for a constant), β₀ started at
    /// the log-odds of the base rate, gradient and upper Hessian summed over the rows in order,
    /// (H + λI′) Δ = g by Cholesky, step halved while the objective rises, stop when no
    /// coefficient moves more than 10⁻⁹ or after 100 steps.
    static func plainFit(rows: [[Double]], labels: [Bool], lambda: Double) -> (coefficients: [Double], iterations: Int, converged: Bool) {
        let d = rows.first?.count ?? 0, count = rows.count, k = d + 1
        let n = Double(max(count, 1))
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for i in 0..<count { for j in 0..<d { means[j] += rows[i][j] / n } }
        for j in 0..<d {
            var variance = 0.0
            for i in 0..<count { variance += (rows[i][j] - means[j]) * (rows[i][j] - means[j]) / n }
            scales[j] = variance > 1e-24 ? variance.squareRoot() : 1
        }
        let x: [[Double]] = rows.map { row in [1] + (0..<d).map { (row[$0] - means[$0]) / scales[$0] } }
        let y = labels.map { $0 ? 1.0 : 0.0 }
        func eta(_ b: [Double], _ i: Int) -> Double {
            var e = 0.0
            for j in 0..<k { e += b[j] * x[i][j] }
            return e
        }
        func objective(_ b: [Double]) -> Double {
            var total = 0.0
            for i in 0..<count {
                let e = eta(b, i)
                total += (e > 0 ? e + log1p(exp(-e)) : log1p(exp(e))) - y[i] * e
            }
            for j in 1..<k { total += lambda / 2 * b[j] * b[j] }
            return total
        }
        let share = y.reduce(0, +) / n
        var beta = [Double](repeating: 0, count: k)
        beta[0] = log(max(share, 1e-6) / max(1 - share, 1e-6))
        var current = objective(beta), iterations = 0, converged = false
        while iterations < 100 {
            iterations += 1
            var g = [Double](repeating: 0, count: k)
            var h = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            for i in 0..<count {
                let p = 1 / (1 + exp(-eta(beta, i)))
                let w = max(p * (1 - p), 1e-12)
                for j in 0..<k {
                    g[j] += (p - y[i]) * x[i][j]
                    for l in j..<k { h[j][l] += w * x[i][j] * x[i][l] }
                }
            }
            for j in 0..<k { for l in 0..<j { h[j][l] = h[l][j] } }
            for j in 1..<k {
                g[j] += lambda * beta[j]
                h[j][j] += lambda
            }
            h[0][0] += 1e-12
            guard let step = LogisticRegression.solveSymmetric(h, g) else { break }
            var t = 1.0, candidate = beta, value = current
            for _ in 0..<30 {
                candidate = (0..<k).map { beta[$0] - t * step[$0] }
                value = objective(candidate)
                if value <= current + 1e-12 * abs(current) { break }
                t /= 2
            }
            let moved = (0..<k).map { abs(candidate[$0] - beta[$0]) }.max() ?? 0
            beta = candidate
            current = value
            if moved < 1e-9 { converged = true; break }
        }
        return (beta, iterations, converged)
    }

    /// Deterministic pseudo-random rows: `d` features (the third, when there is one, constant;
    /// the second a 0/1 flag), labels from a noisy linear score.
    static func rows(count: Int, features d: Int, seed: UInt64) -> (rows: [[Double]], labels: [Bool]) {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var rows: [[Double]] = [], labels: [Bool] = []
        for _ in 0..<count {
            var row: [Double] = []
            for j in 0..<d {
                let value: Double
                if j == 2 {
                    value = 7
                } else if j == 1 {
                    value = next() < 0.3 ? 1 : 0
                } else {
                    let spread = Double(10 * (j + 1))
                    value = next() * spread - 3
                }
                row.append(value)
            }
            var score: Double = next() * 2 - 1.2
            for (j, value) in row.enumerated() {
                let weight = Double(j % 3) - 1
                score += weight * value / 10
            }
            rows.append(row)
            labels.append(score > 0)
        }
        return (rows, labels)
    }

    /// Every width of row from 1 to 9 features (padding of 0 to 3 values after the 2 to 10
    /// columns), several λ: the same coefficients to the last bit, the same steps.
    @Test func fitEqualsThePlainFormulaBitForBit() {
        for d in 1...9 {
            let (rows, labels) = Self.rows(count: 150 + 17 * d, features: d, seed: UInt64(d))
            let names = (0..<d).map { "f\($0)" }
            let design = LogisticRegression.Design(rows: rows.flatMap { $0 }, labels: labels, featureNames: names)
            #expect(design.stride % 4 == 0 && design.stride >= design.columns.count && design.stride < design.columns.count + 4)
            for lambda in [0, 0.01, 1, 100] {
                let plain = Self.plainFit(rows: rows, labels: labels, lambda: lambda)
                let fitted = LogisticRegression.fit(design, lambda: lambda)
                #expect(fitted.coefficients.map(\.bitPattern) == plain.coefficients.map(\.bitPattern), "d \(d), λ \(lambda)")
                #expect(fitted.iterations == plain.iterations && fitted.converged == plain.converged)
                #expect(plain.iterations > 1)
            }
        }
    }

    /// Wide rows (up to 22 features, so the Hessian has up to six tiles of four rows) over more
    /// than one block of rows (`NewtonSums.blockRows`), with features that are 0 in every row at
    /// the start, in the middle and at the end: those are left out of the design, and the fit is
    /// still the plain formula's to the last bit, the left-out coefficients exactly 0.
    @Test func wideRowsWithAllZeroFeaturesEqualThePlainFormulaBitForBit() {
        for (d, zeros) in [(21, [0, 9, 10, 20]), (22, [5]), (13, [12]), (8, [])] {
            let (base, labels) = Self.rows(count: 3 * NewtonSums.blockRows + 11, features: d, seed: UInt64(100 + d))
            let rows = base.map { row in row.indices.map { zeros.contains($0) ? 0 : row[$0] } }
            let names = (0..<d).map { "f\($0)" }
            let design = LogisticRegression.Design(rows: rows.flatMap { $0 }, labels: labels, featureNames: names)
            // Every varying feature is a column, no zeroed one is (feature 2, a constant 7, gives
            // (7 − Σ 7/n) / 1 in every row, 0 or nearly).
            let varying = (0..<d).filter { !zeros.contains($0) && $0 != 2 }.map { $0 + 1 }
            #expect(design.columns.first == 0 && design.columns == design.columns.sorted(), "d \(d)")
            #expect(Set(varying).isSubset(of: design.columns) && Set(zeros.map { $0 + 1 }).isDisjoint(with: design.columns))
            #expect(design.stride == (design.columns.count + 3) / 4 * 4 && design.x.count == design.count * design.stride / 4)
            for lambda in [0.01, 1, 100] {
                let plain = Self.plainFit(rows: rows, labels: labels, lambda: lambda)
                let fitted = LogisticRegression.fit(design, lambda: lambda)
                #expect(fitted.coefficients.map(\.bitPattern) == plain.coefficients.map(\.bitPattern), "d \(d), λ \(lambda)")
                #expect(fitted.iterations == plain.iterations && fitted.converged == plain.converged)
                #expect(zeros.allSatisfy { fitted.coefficients[$0 + 1] == 0 })
                #expect(plain.iterations > 1)
            }
        }
    }

    /// Labels all one way: the fit starts at the clamped base rate and the penalty keeps the
    /// coefficients finite; still the plain formula's result.
    @Test func oneSidedLabelsEqualThePlainFormula() {
        let (rows, _) = Self.rows(count: 60, features: 5, seed: 99)
        let labels = [Bool](repeating: false, count: 60)
        let plain = Self.plainFit(rows: rows, labels: labels, lambda: 1)
        let fitted = LogisticRegression.fit(rows: rows, labels: labels, featureNames: (0..<5).map { "f\($0)" }, lambda: 1)
        #expect(fitted.coefficients.map(\.bitPattern) == plain.coefficients.map(\.bitPattern))
        #expect(fitted.iterations == plain.iterations)
    }
}
