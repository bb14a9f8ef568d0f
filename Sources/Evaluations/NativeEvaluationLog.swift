import Foundation
public import JSONSupport

/// Our native result format, for harnesses other than Inspect: one JSON object that names itself, with the task,
/// the model, how the results were elicited, and each sample's scores by scorer (a letter, a number or a boolean).
///
/// ```json
/// {"format": "clearinghouse-evaluation/1", "task": "ctf_probe", "model": "acme/frontier-2",
///  "elicitation": {"scaffold": ["react"], "tools": ["bash"], "limits": {"message_limit": 50}, "epochs": 2,
///                  "reducers": ["mean"], "attempts": 3, "packages": {"harness": "1.4.0"},
///                  "revision": {"commit": "9f1c2e4", "origin": "https://git.example/evals", "dirty": false}},
///  "samples": [{"id": "ctf-1", "epoch": 1, "scores": {"flag": true}}]}
/// ```
///
/// Unknown members are refused, so that a misspelt one is reported rather than ignored. Every `elicitation` member
/// is optional, and so is `scorers`, which orders the scorers (the others follow by name). The server keeps every
/// submitted log in this format (``EvaluationLog/nativeJSON``), whatever format it came in.
enum NativeEvaluationLog {
    static let format = "clearinghouse-evaluation/1"

    /// Whether the JSON object names our format (a cheap look at its top level, before decoding it).
    static func isNative(_ data: Data) -> Bool {
        struct Probe: Decodable { let format: String? }
        return (try? JSONDecoder().decode(Probe.self, from: data))?.format != nil
    }

    static func read(_ data: Data) throws(EvaluationError) -> EvaluationLog {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw EvaluationError("The log is not a \(format) log: \(error.fieldDescription)")
        } catch {
            throw EvaluationError("The log is not JSON.")
        }
        guard file.format == format else {
            throw EvaluationError("The log's format is \(file.format); this release reads \(format).")
        }
        let samples = file.samples.map {
            EvaluationLog.Sample(id: $0.id, epoch: $0.epoch ?? 1, scores: $0.scores)
        }
        var scorers = file.scorers ?? []
        for name in Set(samples.flatMap(\.scores.keys)).sorted() where !scorers.contains(name) { scorers.append(name) }
        return EvaluationLog(
            task: file.task, model: file.model, scorers: scorers, samples: samples,
            elicitation: file.elicitation?.record ?? Elicitation())
    }

    private struct File: Decodable {
        let format: String
        let task: String
        let model: String
        let elicitation: ElicitationFile?
        let scorers: [String]?
        let samples: [SampleFile]

        enum CodingKeys: String, CodingKey, CaseIterable { case format, task, model, elicitation, scorers, samples }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            format = try container.decode(String.self, forKey: .format)
            task = try container.decode(String.self, forKey: .task)
            model = try container.decode(String.self, forKey: .model)
            elicitation = try container.decodeIfPresent(ElicitationFile.self, forKey: .elicitation)
            scorers = try container.decodeIfPresent([String].self, forKey: .scorers)
            samples = try container.decode([SampleFile].self, forKey: .samples)
        }
    }

    private struct ElicitationFile: Decodable {
        let scaffold: [String]?
        let tools: [String]?
        let limits: [String: Double]?
        let epochs: Int?
        let reducers: [String]?
        let attempts: Int?
        let packages: [String: String]?
        let revision: Elicitation.Revision?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case scaffold, tools, limits, epochs, reducers, attempts, packages, revision
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            scaffold = try container.decodeIfPresent([String].self, forKey: .scaffold)
            tools = try container.decodeIfPresent([String].self, forKey: .tools)
            limits = try container.decodeIfPresent([String: Double].self, forKey: .limits)
            epochs = try container.decodeIfPresent(Int.self, forKey: .epochs)
            reducers = try container.decodeIfPresent([String].self, forKey: .reducers)
            attempts = try container.decodeIfPresent(Int.self, forKey: .attempts)
            packages = try container.decodeIfPresent([String: String].self, forKey: .packages)
            revision = try container.decodeIfPresent(Elicitation.Revision.self, forKey: .revision)
        }

        var record: Elicitation {
            var record = Elicitation()
            record.scaffold = scaffold ?? []
            record.tools = tools ?? []
            record.limits = limits ?? [:]
            record.epochs = epochs
            record.reducers = reducers ?? []
            record.attempts = attempts
            record.packages = packages ?? [:]
            record.revision = revision
            return record
        }
    }

    private struct SampleFile: Decodable {
        let id: String
        let epoch: Int?
        let scores: [String: EvaluationLog.Score]

        enum CodingKeys: String, CodingKey, CaseIterable { case id, epoch, scores }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            epoch = try container.decodeIfPresent(Int.self, forKey: .epoch)
            let members = try container.nestedContainer(keyedBy: MemberName.self, forKey: .scores)
            var scores: [String: EvaluationLog.Score] = [:]
            for key in members.allKeys { scores[key.stringValue] = EvaluationLog.Score(members, key: key) }
            self.scores = scores
        }
    }
}

extension EvaluationLog {
    /// The log in the native format, which ``read(_:)`` reads back to the same log. A score of another shape is
    /// written `null` and read back as `other`.
    public var nativeJSON: JSONTree {
        func score(_ score: Score) -> JSONTree {
            switch score {
            case .letter(let letter): .string(letter)
            case .number(let number): .number(String(number))
            case .boolean(let flag): .bool(flag)
            case .other: .null
            }
        }
        return .object([
            "format": .string(NativeEvaluationLog.format), "task": .string(task), "model": .string(model),
            "elicitation": elicitation.json.removingNulls, "scorers": .array(scorers.map(JSONTree.string)),
            "samples": .array(
                samples.map { sample in
                    .object([
                        "id": .string(sample.id), "epoch": .integer(Int64(sample.epoch)),
                        "scores": .object(sample.scores.mapValues(score)),
                    ])
                }),
        ])
    }
}

extension JSONTree {
    /// An object without its `null` members (the native format leaves an unknown field out).
    fileprivate var removingNulls: JSONTree {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.value != .null })
    }
}
