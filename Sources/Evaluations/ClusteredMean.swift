/// A mean score with its standard error when samples share a task (a cluster): scores of one task's epochs are
/// not independent, so the error is computed from each cluster's summed deviations from the mean,
/// SE = √(G / (G − 1) · Σ_g (Σ_{i∈g} (s_i − mean))²) / N, for G clusters and N scores. With one score per cluster
/// this is the usual standard error of a mean.
public struct ClusteredMean: Sendable, Hashable {
    public let mean: Double
    /// Nil with fewer than two clusters, where the error cannot be estimated.
    public let standardError: Double?
    public let clusters: Int
    public let count: Int

    /// - Parameter scores: each score with the cluster (the task) it belongs to.
    /// - Throws: ``EvaluationError`` when there is no score, or a score is not a finite number.
    public init(_ scores: [(cluster: String, score: Double)]) throws(EvaluationError) {
        guard !scores.isEmpty else { throw EvaluationError("A mean needs at least one score.") }
        guard scores.allSatisfy({ $0.score.isFinite }) else {
            throw EvaluationError("Every score is a finite number.")
        }
        let count = Double(scores.count)
        let mean = scores.reduce(0) { $0 + $1.score } / count
        var deviations: [String: Double] = [:]
        for (cluster, score) in scores { deviations[cluster, default: 0] += score - mean }
        let clusters = Double(deviations.count)
        let sum = deviations.values.reduce(0) { $0 + $1 * $1 }
        self.mean = mean
        self.clusters = deviations.count
        self.count = scores.count
        standardError = deviations.count < 2 ? nil : (clusters / (clusters - 1) * sum).squareRoot() / count
    }
}
