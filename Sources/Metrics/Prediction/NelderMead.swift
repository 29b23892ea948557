/// The outcome of a minimisation: the best point found, its value, and whether the stopping
/// rule was met before the iteration budget ran out.
public struct Minimum: Sendable, Hashable {
    public let point: [Double]
    public let value: Double
    public let iterations: Int
    public let evaluations: Int
    public let converged: Bool
}

/// Nelder–Mead downhill simplex (Nelder & Mead 1965; coefficients reflection 1, expansion 2,
/// contraction ½, shrink ½, as in Lagarias et al. 1998).
///
/// Stops when the simplex's function values differ by at most `valueTolerance` (absolute, plus
/// relative to |best|) and every vertex is within `pointTolerance` of the best in every
/// coordinate; after it stops it restarts once from the best point with a fresh simplex, the usual
/// guard against a simplex that collapsed early. Non-finite values count as +∞, so a
/// function may return `.infinity` (or NaN) outside its domain.
public struct NelderMead: Sendable {
    public var valueTolerance = 1e-10
    public var pointTolerance = 1e-8
    public var maxIterations = 5_000
    /// Edge of the starting simplex along each coordinate.
    public var initialStep = 0.5

    public init() {}

    public func minimize(_ f: ([Double]) -> Double, from start: [Double]) -> Minimum {
        let first = run(f, from: start)
        guard first.converged else { return first }
        let second = run(f, from: first.point)
        return Minimum(point: second.value <= first.value ? second.point : first.point,
                       value: min(first.value, second.value), iterations: first.iterations + second.iterations,
                       evaluations: first.evaluations + second.evaluations, converged: second.converged)
    }

    private func run(_ f: ([Double]) -> Double, from start: [Double]) -> Minimum {
        let n = start.count
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .infinity
        }
        var simplex = [start]
        for i in 0..<n {
            var vertex = start
            vertex[i] += initialStep
            simplex.append(vertex)
        }
        var values = simplex.map(value)
        var iterations = 0
        while iterations < maxIterations {
            // Order best → worst.
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let best = values[0], worst = values[n]
            if worst - best <= valueTolerance * (1 + abs(best)) {
                var spread = 0.0
                for vertex in simplex.dropFirst() {
                    for i in 0..<n { spread = max(spread, abs(vertex[i] - simplex[0][i])) }
                }
                if spread <= pointTolerance || worst == best {
                    return Minimum(point: simplex[0], value: best, iterations: iterations,
                                   evaluations: evaluations, converged: best.isFinite)
                }
            }
            iterations += 1
            var centroid = [Double](repeating: 0, count: n)
            for vertex in simplex.dropLast() {
                for i in 0..<n { centroid[i] += vertex[i] / Double(n) }
            }
            func toward(_ t: Double) -> [Double] {
                (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) }
            }
            let reflected = toward(-1), fr = value(reflected)
            if fr < values[0] {
                let expanded = toward(-2), fe = value(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
                continue
            }
            if fr < values[n - 1] {
                simplex[n] = reflected
                values[n] = fr
                continue
            }
            // Contraction: outside when the reflection improved on the worst, inside otherwise.
            let outside = fr < values[n]
            let contracted = toward(outside ? -0.5 : 0.5), fc = value(contracted)
            if fc < (outside ? fr : values[n]) {
                simplex[n] = contracted
                values[n] = fc
                continue
            }
            for j in 1...n {
                simplex[j] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                values[j] = value(simplex[j])
            }
        }
        let bestIndex = values.indices.min { values[$0] < values[$1] }!
        return Minimum(point: simplex[bestIndex], value: values[bestIndex], iterations: iterations,
                       evaluations: evaluations, converged: false)
    }
}
