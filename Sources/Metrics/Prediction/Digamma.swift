import Foundation

/// The digamma function ψ(x) = d/dx ln Γ(x), for x > 0: raised to x ≥ 10 by ψ(x) = ψ(x + 1) − 1/x,
/// then the asymptotic series ψ(x) = ln x − 1/(2x) − Σₖ B₂ₖ / (2k x²ᵏ) to the B₁₄ term (the first
/// term left out is below 10⁻¹⁶ for x ≥ 10). Abramowitz & Stegun 6.3.5 and 6.3.18.
enum Digamma {
    static func of(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return .nan }
        var x = x, shift = 0.0
        while x < 10 {
            shift -= 1 / x
            x += 1
        }
        let f = 1 / (x * x)
        let series = f * (-1.0 / 12 + f * (1.0 / 120 + f * (-1.0 / 252 + f * (1.0 / 240 + f * (-1.0 / 132
            + f * (691.0 / 32760 + f * (-1.0 / 12)))))))
        return shift + log(x) - 0.5 / x + series
    }
}
