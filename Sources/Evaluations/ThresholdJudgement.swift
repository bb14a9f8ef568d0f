/// One suite's result judged against its rule in a threshold policy: the estimate, its interval, and the outcome the
/// decision rule gives from the interval's bounds. Outcomes are advisory; nothing waits on them.
public struct ThresholdJudgement: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// The whole interval is at or above the threshold.
        case above
        /// The whole interval is below it.
        case below
        /// The interval straddles it: the evaluation cannot tell.
        case cannotRuleOut = "cannot_rule_out"
    }

    public let suite: String
    public let scorer: String
    public let estimate: Double
    public let low: Double
    public let high: Double
    public let threshold: Double
    /// The tasks judged (those with at least `n` scored attempts) and their attempts.
    public let tasks: Int
    public let attempts: Int
    public let outcome: Outcome

    /// The decision rule: `above` when the interval's lower bound reaches the threshold, `below` when its upper
    /// bound is under it, otherwise `cannot_rule_out`.
    public static func decide(low: Double, high: Double, threshold: Double) -> Outcome {
        if low >= threshold { .above } else if high < threshold { .below } else { .cannotRuleOut }
    }

    /// A model's outcome over several suites: `above` when any suite is, `below` when every suite is, otherwise
    /// `cannot_rule_out`.
    public static func overall(_ judgements: [ThresholdJudgement]) -> Outcome {
        if judgements.contains(where: { $0.outcome == .above }) { return .above }
        if !judgements.isEmpty, judgements.allSatisfy({ $0.outcome == .below }) { return .below }
        return .cannotRuleOut
    }

    /// Judges a log's results by a suite's rule.
    ///
    /// - Throws: ``EvaluationError`` when the log has no such scorer, or no task with `n` scored attempts.
    public init(_ log: EvaluationLog, rule: ThresholdPolicy.SuiteRule) throws(EvaluationError) {
        guard let scorer = rule.scorer ?? log.scorers.first, log.scorers.contains(scorer) else {
            throw EvaluationError("The log has no scorer \(rule.scorer ?? "at all").")
        }
        var attemptsByTask: [String: [Bool]] = [:]
        for sample in log.samples {
            guard let score = sample.scores[scorer], score.value != nil else { continue }
            attemptsByTask[sample.id, default: []].append(score.solved)
        }
        let judged = attemptsByTask.values.filter { $0.count >= rule.n }
        guard !judged.isEmpty else {
            throw EvaluationError("No task of the log has \(rule.n) attempts scored by \(scorer).")
        }
        let attempts = judged.reduce(0) { $0 + $1.count }
        let (estimate, low, high): (Double, Double, Double)
        switch rule.metric {
        case .solveRate:
            let solved = judged.reduce(0) { $0 + $1.count { $0 } }
            let method: ProportionInterval.Method = rule.interval == .clopperPearson ? .clopperPearson : .wilson
            let interval = try ProportionInterval(solved: solved, samples: attempts, level: rule.level, method: method)
            (estimate, low, high) = (Double(solved) / Double(attempts), interval.low, interval.high)
        case .passAtK:
            var perTask: [(cluster: String, score: Double)] = []
            for (index, task) in judged.enumerated() {
                let value = try PassAtK.estimate(samples: task.count, correct: task.count { $0 }, k: rule.k)
                perTask.append((String(index), value))
            }
            let mean = try ClusteredMean(perTask)
            let z = Distributions.normalQuantile(1 - (1 - rule.level) / 2)
            // One task gives no error estimate: the interval is everything, and nothing can be ruled out.
            let half = mean.standardError.map { z * $0 } ?? 1
            (estimate, low, high) = (mean.mean, max(0, mean.mean - half), min(1, mean.mean + half))
        }
        self.suite = rule.suite
        self.scorer = scorer
        self.estimate = estimate
        self.low = low
        self.high = high
        self.threshold = rule.threshold
        self.tasks = judged.count
        self.attempts = attempts
        self.outcome = Self.decide(low: low, high: high, threshold: rule.threshold)
    }
}
