/// The unbiased estimator of pass@k (Chen et al., "Evaluating Large Language Models Trained on Code", 2021): the
/// chance that at least one of `k` attempts drawn from `samples` attempts at a task, `correct` of them right,
/// is right: 1 − C(samples − correct, k) / C(samples, k), computed as a product so that no binomial coefficient
/// overflows.
public enum PassAtK {
    /// - Throws: ``EvaluationError`` when `k` is not between 1 and `samples`, or `correct` not between 0 and
    ///   `samples`.
    public static func estimate(samples: Int, correct: Int, k: Int) throws(EvaluationError) -> Double {
        guard samples >= 1, (1...samples).contains(k) else {
            throw EvaluationError("pass@\(k) needs at least \(k) attempts at the task; it has \(samples).")
        }
        guard (0...samples).contains(correct) else {
            throw EvaluationError("\(correct) correct is not between 0 and the \(samples) attempts.")
        }
        if correct == 0 { return 0 }
        if samples - correct < k { return 1 }
        var allWrong = 1.0
        for drawn in (samples - correct + 1)...samples {
            allWrong *= 1 - Double(k) / Double(drawn)
        }
        return 1 - allWrong
    }
}
