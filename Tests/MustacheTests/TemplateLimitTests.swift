import Foundation
import Mustache
import Testing

/// Issue 13, item 17: a template cannot make the renderer work or allocate without bound.
@Suite struct TemplateLimitTests {
    /// `p0` … `p39`: each includes the next twice; `p40` is `leaf`. 2⁴⁰ expansions unbounded.
    static let bomb: PartialResolver = {
        var partials: [String: String] = [:]
        for level in 0..<40 { partials["p\(level)"] = "{{>p\(level + 1)}}{{>p\(level + 1)}}" }
        partials["p40"] = "leaf "
        return .dictionary(partials)
    }()

    func renderError(_ limits: TemplateLimits) -> String? {
        do {
            _ = try Template(source: "<main>{{>p0}}</main>", path: "Templates/report.mustache")
                .render(.object([:]), partials: Self.bomb, strict: true, limits: limits)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func exponentialPartialsStopAtTheStepLimitNamingTheTemplate() {
        // Steps: the <main> text (1), the partial tag (2), then inside p0 its first tag (3)
        // and so on down: each level adds one step before descending, so step 1001 is
        // reached while expanding a partial deep in the tree (p39's second include of p40).
        let error = renderError(TemplateLimits(maximumSteps: 1_000, maximumOutputBytes: 1 << 20))
        #expect(error?.hasPrefix("Templates/report.mustache: error: rendering stopped: more than 1000 steps of work (the limit) while expanding partial \"p") == true)
        #expect(error?.hasSuffix("; do partials include each other many times over?") == true)
        #expect(error?.contains(" included at p") == true, "names where the partial was included")
    }

    @Test func outputSizeIsLimited() {
        #expect(renderError(TemplateLimits(maximumSteps: 10_000_000, maximumOutputBytes: 5_000))?
            .contains("rendering stopped: output larger than 5000 bytes (the limit)") == true)
    }

    @Test func standardLimits() {
        // 20 million steps: about 1 800 times the sample report's 10 955 (measured).
        #expect(TemplateLimits.standard == TemplateLimits(maximumSteps: 20_000_000, maximumOutputBytes: 256 << 20))
    }
}
