public import Foundation
public import JSONSupport

/// An Inspect evaluation log (`inspect_ai`'s `.json` format, log versions 1 and 2) as far as solve rates need it:
/// the task, the model, the scorers, and each sample's epoch and scores. Read with bounded size and nesting; every
/// other field is skipped.
public struct InspectLog: Sendable, Hashable {
    public let task: String
    public let model: String
    /// The scorers, in the order the log's results list them (else the order of their names).
    public let scorers: [String]
    public let samples: [Sample]

    /// One sample's scores, by scorer.
    public struct Sample: Sendable, Hashable {
        public let epoch: Int
        public let scores: [String: Score]
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

    /// The largest log read whole (1 GiB).
    public static let maximumSize = 1 << 30

    /// Reads a `.json` log.
    ///
    /// - Throws: ``EvaluationError`` naming what is wrong: too large, nested too deep, not JSON, or missing the
    ///   task, the model or the samples' scores' shape.
    public static func read(_ data: Data) throws(EvaluationError) -> InspectLog {
        guard data.count <= maximumSize else {
            throw EvaluationError("The log is larger than \(maximumSize >> 20) MiB.")
        }
        if let problem = JSONNesting.problem(in: data) { throw EvaluationError("The log is not readable: \(problem)") }
        let file: LogFile
        do {
            file = try JSONDecoder().decode(LogFile.self, from: data)
        } catch let error as DecodingError {
            throw EvaluationError("The log is not an Inspect log: \(error.fieldDescription)")
        } catch {
            throw EvaluationError("The log is not JSON.")
        }
        let samples = (file.samples ?? []).map { sample in
            var scores = sample.scores ?? [:]
            if scores.isEmpty, let single = sample.score {
                scores[file.results?.scores?.first?.name ?? "score"] = single
            }
            return Sample(epoch: sample.epoch ?? 1, scores: scores.mapValues(\.value))
        }
        var scorers = (file.results?.scores ?? []).map(\.name)
        for name in Set(samples.flatMap(\.scores.keys)).sorted() where !scorers.contains(name) { scorers.append(name) }
        return InspectLog(task: file.eval.task, model: file.eval.model, scorers: scorers, samples: samples)
    }

    /// One scorer's solve rate: how many samples it scored and how many of them it scored in full.
    public func tally(of scorer: String) -> (samples: Int, solved: Int) {
        let scored = samples.compactMap { $0.scores[scorer] }.filter { $0.value != nil }
        return (scored.count, scored.count { $0.solved })
    }

    private struct LogFile: Decodable {
        struct Eval: Decodable {
            let task: String
            let model: String
        }

        struct Results: Decodable {
            struct Scorer: Decodable { let name: String }
            let scores: [Scorer]?
        }

        struct SampleFile: Decodable {
            let epoch: Int?
            let scores: [String: ScoreFile]?
            let score: ScoreFile?
        }

        struct ScoreFile: Decodable {
            let value: Score

            enum CodingKeys: String, CodingKey { case value }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                if let text = try? container.decode(String.self, forKey: .value) {
                    value = .letter(text)
                } else if let flag = try? container.decode(Bool.self, forKey: .value) {
                    value = .boolean(flag)
                } else if let number = try? container.decode(Double.self, forKey: .value) {
                    value = .number(number)
                } else {
                    value = .other
                }
            }
        }

        let eval: Eval
        let results: Results?
        let samples: [SampleFile]?
    }
}
