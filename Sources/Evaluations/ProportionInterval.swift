/// A solve rate with a confidence interval: `solved` of `samples` at a confidence `level` (0.95 for 95%).
public struct ProportionInterval: Sendable, Hashable {
    public let low: Double
    public let high: Double

    /// How an interval is computed.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Wilson's score interval: good coverage at every rate, never outside [0, 1].
        case wilson
        /// Clopper and Pearson's exact interval, from the beta distribution: at least the coverage asked for.
        case clopperPearson = "clopper_pearson"
    }

    /// The interval around `solved` / `samples`.
    ///
    /// - Throws: ``EvaluationError`` when `samples` is not positive, `solved` is outside 0…`samples`, or `level`
    ///   is not strictly between 0 and 1.
    public init(solved: Int, samples: Int, level: Double = 0.95, method: Method) throws(EvaluationError) {
        guard samples > 0 else { throw EvaluationError("An interval needs at least one sample.") }
        guard (0...samples).contains(solved) else {
            throw EvaluationError("\(solved) solved is not between 0 and the \(samples) samples.")
        }
        guard level > 0, level < 1 else {
            throw EvaluationError("A confidence level is between 0 and 1, such as 0.95; \(level) is not.")
        }
        let (k, n, alpha) = (Double(solved), Double(samples), 1 - level)
        switch method {
        case .wilson:
            let z = Distributions.normalQuantile(1 - alpha / 2)
            let rate = k / n
            let scale = 1 + z * z / n
            let center = (rate + z * z / (2 * n)) / scale
            let half = z * (rate * (1 - rate) / n + z * z / (4 * n * n)).squareRoot() / scale
            (low, high) = (max(0, center - half), min(1, center + half))
        case .clopperPearson:
            low = solved == 0 ? 0 : Distributions.betaQuantile(alpha / 2, k, n - k + 1)
            high = solved == samples ? 1 : Distributions.betaQuantile(1 - alpha / 2, k + 1, n - k)
        }
    }
}
