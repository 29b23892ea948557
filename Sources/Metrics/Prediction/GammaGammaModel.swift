import Foundation

/// The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
/// iso-value curves for customer base analysis", JMR 42(4); Colombo & Jiang 1999).
///
/// Each purchase's value is Gamma(p, ν) around the customer's own mean, and ν ~ Gamma(q, γ)
/// across customers, so a customer's mean value shrinks toward the population mean the fewer
/// purchases they made. For a customer with x repeat purchases of mean value mₓ:
///
///     L = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · mₓ^(px−1) · x^(px) / (γ + x·mₓ)^(px+q)
///     E[M | x, mₓ] = p (γ + x·mₓ) / (px + q − 1)        (population mean pγ / (q − 1) when x = 0)
///
/// Assumes spend per purchase is independent of how often a customer buys. `v` is γ (the issue
/// and the metrics JSON call it `v`, as lifetimes does).
public struct GammaGammaModel: Sendable, Hashable {
    public let p: Double
    public let q: Double
    public let v: Double

    public init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    /// E[M | x, mₓ]; with x = 0 the population mean pγ/(q − 1). nil when q ≤ 1 (the mean is infinite).
    public func expectedValue(x: Int, meanValue: Double) -> Double? {
        guard x > 0 else { return q > 1 ? p * v / (q - 1) : nil }
        let denominator = p * Double(x) + q - 1
        guard denominator > 0 else { return nil }
        return p * (v + Double(x) * meanValue) / denominator
    }

    /// Log-likelihood of one repeat customer (x > 0, mₓ > 0).
    public func logLikelihood(x: Int, meanValue m: Double) -> Double {
        let px = p * Double(x)
        return lgamma(px + q) - lgamma(px) - lgamma(q) + q * log(v) + (px - 1) * log(m)
            + px * log(Double(x)) - (px + q) * log(v + Double(x) * m)
    }

    public static let minimumCustomers = 10
    /// Largest credible p or q (shapes of a purchase's value around the customer's mean and of the means).
    public static let maximumShape = 1000.0

    /// Maximum-likelihood fit on the customers with repeat purchases and a positive mean repeat
    /// value, by quasi-Newton (BFGS, `QuasiNewton`, with the analytic gradient) on (ln p, ln q, ln γ)
    /// from (0, 0, ln mean mₓ), until the gradient of the mean log-likelihood is below 10⁻⁹.
    public static func fit(_ histories: [PurchaseHistory]) throws(ModelFitError) -> (model: GammaGammaModel, logLikelihood: Double, customers: Int) {
        // The repeat customers' terms straight from the histories (no list of (x, m) pairs first).
        let likelihood = GammaGammaLikelihood(histories: histories)
        let found = likelihood.mean.count
        guard found >= minimumCustomers else {
            throw .tooFewCustomers(model: "Gamma-Gamma", found: found, needed: minimumCustomers)
        }
        // Σ m in customer order, as the pairs were added.
        let meanValue = likelihood.mean.reduce(0.0, +) / Double(found)
        let customers = Double(found)
        let result = QuasiNewton().minimize({ point in
            let model = GammaGammaModel(p: exp(point[0]), q: exp(point[1]), v: exp(point[2]))
            guard model.p > 0, model.q > 0, model.v > 0, model.p.isFinite, model.q.isFinite, model.v.isFinite else {
                return (.infinity, [0, 0, 0])
            }
            let (value, gradient) = likelihood.valueAndGradient(model)
            return (-value / customers, gradient.map { -$0 / customers })
        }, from: [0, 0, log(meanValue)])
        let model = GammaGammaModel(p: exp(result.point[0]), q: exp(result.point[1]), v: exp(result.point[2]))
        // p is the shape of spend around a customer's own mean, q the shape of the means across
        // customers. Either running off to thousands means purchase values are (nearly) fixed per
        // customer or identical across them, as invoices of fixed-price plans are; a CLV on such a
        // fit would be an artefact of the optimiser. (Checked before convergence: a likelihood
        // whose maximum lies at infinity is also why the optimiser may not converge.)
        guard model.p < maximumShape, model.q < maximumShape else {
            throw .degenerate(model: "Gamma-Gamma", detail: "the fit ran off (p = \(Int(min(model.p, 1e15).rounded())), q = "
                + "\(Int(min(model.q, 1e15).rounded()))): purchase values are too regular, as with fixed-price invoices, for the spend model")
        }
        guard result.converged else { throw .notConverged(model: "Gamma-Gamma", iterations: result.iterations) }
        guard model.q > 1 else {
            throw .degenerate(model: "Gamma-Gamma", detail: "q = \(model.q) ≤ 1: the spread of spend is too wide for a finite mean")
        }
        return (model, -result.value * customers, likelihood.xIndex.count)
    }
}
