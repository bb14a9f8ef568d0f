public import Foundation
import JSONSupport

/// An evaluation's results as far as solve rates need them: the task, the model, the scorers, each sample's scores
/// by epoch, and how the results were elicited. Read from Inspect logs (`.json` and zipped `.eval`) and from our
/// native format (``NativeEvaluationLog``).
public struct EvaluationLog: Sendable, Hashable {
    public let task: String
    public let model: String
    /// The scorers, in the order the log's results list them (else the order of their names).
    public let scorers: [String]
    public let samples: [Sample]
    public let elicitation: Elicitation

    public init(task: String, model: String, scorers: [String], samples: [Sample], elicitation: Elicitation) {
        self.task = task
        self.model = model
        self.scorers = scorers
        self.samples = samples
        self.elicitation = elicitation
    }

    /// One sample's scores in one epoch, by scorer. Samples of the same `id` in several epochs share a task, and
    /// their standard errors are clustered by it.
    public struct Sample: Sendable, Hashable {
        public let id: String
        public let epoch: Int
        public let scores: [String: Score]

        public init(id: String, epoch: Int, scores: [String: Score]) {
            self.id = id
            self.epoch = epoch
            self.scores = scores
        }
    }

    /// A score as Inspect writes it: a letter (`C` correct, `I` incorrect, `P` partial, `N` no answer), a number or
    /// a boolean. Other shapes (lists, objects of several values) are kept as `other` and counted as unscored.
    public enum Score: Sendable, Hashable {
        case letter(String)
        case number(Double)
        case boolean(Bool)
        case other

        /// Inspect's numeric reading of a score (`C` 1, `P` 0.5, `I` and `N` 0), or nil when it has none.
        public var value: Double? {
            switch self {
            case .letter("C"): 1
            case .letter("P"): 0.5
            case .letter("I"), .letter("N"): 0
            case .letter: nil
            case .number(let number): number
            case .boolean(let flag): flag ? 1 : 0
            case .other: nil
            }
        }

        /// Whether the sample was solved: a full score.
        public var solved: Bool { value == 1 }
    }

    /// The largest log read whole, and the most an archive's entries may inflate to together, unless the reader
    /// asks for less (1 GiB).
    public static let maximumSize = 1 << 30

    /// Reads a log of any format we read: a zip archive is an Inspect `.eval`, a JSON object with `format` our
    /// native format, and any other JSON object an Inspect `.json` log.
    ///
    /// - Parameter limit: The most JSON read: a `.json` log's size, or what an archive's entries inflate to.
    /// - Throws: ``EvaluationError`` naming what is wrong: too large, nested too deep, truncated, not a log, or
    ///   missing the task, the model or the samples' scores' shape.
    public static func read(_ data: Data, limit: Int = maximumSize) throws(EvaluationError) -> EvaluationLog {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try InspectLogReader.readArchive(data, limit: limit)
        }
        guard data.count <= limit else {
            throw EvaluationError("The log is larger than \(limit >> 20) MiB.")
        }
        if let problem = JSONNesting.problem(in: data) { throw EvaluationError("The log is not readable: \(problem)") }
        if NativeEvaluationLog.isNative(data) { return try NativeEvaluationLog.read(data) }
        return try InspectLogReader.readJSON(data)
    }

    /// One scorer's solve rate: how many samples it scored and how many of them it scored in full.
    public func tally(of scorer: String) -> (samples: Int, solved: Int) {
        let scored = samples.compactMap { $0.scores[scorer] }.filter { $0.value != nil }
        return (scored.count, scored.count { $0.solved })
    }
}
