public import JSONSupport

/// What `clearinghouse evaluation summarize` prints for one log and scorer: `task`, `model`, `scorer`, `samples`
/// (those the scorer scored), `solved` (scored in full), `rate`, and the `wilson` and `clopper_pearson` intervals
/// as `[low, high]` at the level asked (95% by default).
public struct SolveRateSummary: Sendable, Hashable {
    public let task: String
    public let model: String
    public let scorer: String
    public let samples: Int
    public let solved: Int
    public let wilson: ProportionInterval?
    public let clopperPearson: ProportionInterval?

    /// One summary per scorer of the log.
    public static func of(_ log: EvaluationLog, level: Double = 0.95) throws(EvaluationError) -> [SolveRateSummary] {
        try log.scorers.map { scorer throws(EvaluationError) in
            let (samples, solved) = log.tally(of: scorer)
            let intervals =
                samples == 0
                ? nil
                : (
                    try ProportionInterval(solved: solved, samples: samples, level: level, method: .wilson),
                    try ProportionInterval(solved: solved, samples: samples, level: level, method: .clopperPearson)
                )
            return SolveRateSummary(
                task: log.task, model: log.model, scorer: scorer, samples: samples, solved: solved,
                wilson: intervals?.0, clopperPearson: intervals?.1)
        }
    }

    /// The summary as a JSON object; the rate and intervals are `null` when the scorer scored no sample.
    public var json: JSONTree {
        func pair(_ interval: ProportionInterval?) -> JSONTree {
            interval.map { .array([number($0.low), number($0.high)]) } ?? .null
        }
        return .object([
            "task": .string(task), "model": .string(model), "scorer": .string(scorer),
            "samples": .integer(Int64(samples)), "solved": .integer(Int64(solved)),
            "rate": samples == 0 ? .null : number(Double(solved) / Double(samples)),
            "wilson": pair(wilson), "clopper_pearson": pair(clopperPearson),
        ])
    }

    private func number(_ value: Double) -> JSONTree {
        .number(String(value))
    }
}
