/// The outcome of a minimisation: the best point found, its value, and whether the stopping
/// rule was met before the iteration budget ran out.
public struct Minimum: Sendable, Hashable {
    public let point: [Double]
    public let value: Double
    public let iterations: Int
    public let evaluations: Int
    public let converged: Bool
}

/// Quasi-Newton minimisation (BFGS with a backtracking line search; Nocedal & Wright 2006,
/// "Numerical Optimization", algorithm 6.1 with the Armijo condition and the initial inverse
/// Hessian scaled by yᵀs / yᵀy after the first step, eq. 6.20).
///
/// The function returns its value and gradient; a non-finite value counts as +∞ (outside the
/// domain), so the line search steps back. Converged when every gradient component is at most
/// `gradientTolerance` in absolute value, or at the limit of floating-point resolution: a step
/// lowers the value by at most `valueTolerance` × max(1, |value|) (or no step lowers it at all)
/// while every gradient component is at most `stallGradientTolerance`. Not converged when no
/// step lowers the value and the gradient is larger, or after `maxIterations` steps.
public struct QuasiNewton: Sendable {
    public var gradientTolerance = 1e-9
    public var valueTolerance = 1e-14
    public var stallGradientTolerance = 1e-5
    public var maxIterations = 500

    public init() {}

    public func minimize(_ f: ([Double]) -> (value: Double, gradient: [Double]), from start: [Double]) -> Minimum {
        let n = start.count
        var evaluations = 0
        func evaluate(_ x: [Double]) -> (value: Double, gradient: [Double]) {
            evaluations += 1
            let r = f(x)
            return r.value.isFinite && r.gradient.allSatisfy(\.isFinite) ? r : (.infinity, r.gradient)
        }
        var x = start
        var (value, gradient) = evaluate(x)
        guard value.isFinite else { return Minimum(point: x, value: value, iterations: 0, evaluations: evaluations, converged: false) }
        var inverse = identity(n)
        var iterations = 0
        var first = true
        while iterations < maxIterations {
            if gradient.allSatisfy({ abs($0) <= gradientTolerance }) {
                return Minimum(point: x, value: value, iterations: iterations, evaluations: evaluations, converged: true)
            }
            iterations += 1
            var direction = (0..<n).map { i in -(0..<n).reduce(0.0) { $0 + inverse[i][$1] * gradient[$1] } }
            var slope = zip(direction, gradient).reduce(0.0) { $0 + $1.0 * $1.1 }
            if !(slope < 0) {
                inverse = identity(n)
                direction = gradient.map { -$0 }
                slope = -gradient.reduce(0.0) { $0 + $1 * $1 }
            }
            var t = 1.0, accepted: (x: [Double], value: Double, gradient: [Double])?
            for _ in 0..<40 {
                let candidate = (0..<n).map { x[$0] + t * direction[$0] }
                let c = evaluate(candidate)
                if c.value <= value + 1e-4 * t * slope {
                    accepted = (candidate, c.value, c.gradient)
                    break
                }
                t /= 2
            }
            let stalled = gradient.allSatisfy { abs($0) <= stallGradientTolerance }
            guard let next = accepted else {
                return Minimum(point: x, value: value, iterations: iterations, evaluations: evaluations, converged: stalled)
            }
            if value - next.value <= valueTolerance * max(1, abs(value)) && stalled {
                let best = next.value <= value ? (next.x, next.value) : (x, value)
                return Minimum(point: best.0, value: best.1, iterations: iterations, evaluations: evaluations, converged: true)
            }
            let s = (0..<n).map { next.x[$0] - x[$0] }
            let y = (0..<n).map { next.gradient[$0] - gradient[$0] }
            let ys = zip(y, s).reduce(0.0) { $0 + $1.0 * $1.1 }
            if ys > 0 {
                if first {
                    let yy = y.reduce(0.0) { $0 + $1 * $1 }
                    inverse = identity(n).map { $0.map { $0 * ys / yy } }
                    first = false
                }
                // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / yᵀs.
                let rho = 1 / ys
                let hy = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + inverse[i][$1] * y[$1] } }
                let yhy = zip(y, hy).reduce(0.0) { $0 + $1.0 * $1.1 }
                for i in 0..<n {
                    for j in 0..<n {
                        inverse[i][j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
                    }
                }
            }
            x = next.x
            value = next.value
            gradient = next.gradient
        }
        return Minimum(point: x, value: value, iterations: iterations, evaluations: evaluations, converged: false)
    }

    private func identity(_ n: Int) -> [[Double]] {
        (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    }
}
