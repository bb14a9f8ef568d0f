import Foundation
import JSONSupport

/// Reads Inspect evaluation logs as `inspect_ai` writes them: `.json` (log versions 1 and 2: the header's fields and
/// every sample) and the zipped `.eval` (version 2: `header.json`, and each sample's scores in `summaries.json`, or,
/// while the evaluation runs, in `_journal/start.json` and `_journal/summaries/N.json`). Entries are deflated (until
/// inspect_ai 0.3.2xx) or Zstandard-compressed (since). Only the header and the summaries are read from an archive;
/// the samples' transcripts are skipped.
enum InspectLogReader {
    static func readJSON(_ data: Data) throws(EvaluationError) -> EvaluationLog {
        let file: JSONFile = try decode(JSONFile.self, from: data, what: "The log")
        return log(file.header, summaries: file.samples ?? [])
    }

    static func readArchive(_ data: Data, limit: Int) throws(EvaluationError) -> EvaluationLog {
        let archive = try ZipArchive(data)
        var budget = limit
        func entry<Value: Decodable>(_ name: String, as type: Value.Type) throws(EvaluationError) -> Value? {
            guard let entry = archive.entries[name] else { return nil }
            let contents = try archive.contents(of: entry, limit: budget)
            budget -= contents.count
            if let problem = JSONNesting.problem(in: contents) {
                throw EvaluationError("\(name) is not readable: \(problem)")
            }
            return try decode(type, from: contents, what: name)
        }
        var header = try entry("header.json", as: Header.self)
        if header == nil { header = try entry("_journal/start.json", as: Header.self) }
        guard let header else { throw EvaluationError("The archive is not an Inspect log: it has no header.json.") }
        if let summaries = try entry("summaries.json", as: [SampleFile].self) {
            return log(header, summaries: summaries)
        }
        let journal = archive.entries.keys.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("_journal/summaries/"), name.hasSuffix(".json"),
                let number = Int(name.dropFirst("_journal/summaries/".count).dropLast(".json".count))
            else { return nil }
            return (number, name)
        }.sorted { $0.0 < $1.0 }
        var summaries: [SampleFile] = []
        for (_, name) in journal { summaries += try entry(name, as: [SampleFile].self) ?? [] }
        return log(header, summaries: summaries)
    }

    private static func decode<Value: Decodable>(
        _ type: Value.Type, from data: Data, what: String
    ) throws(EvaluationError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw EvaluationError("\(what) is not an Inspect log: \(error.fieldDescription)")
        } catch {
            throw EvaluationError("\(what) is not JSON.")
        }
    }

    private static func log(_ header: Header, summaries: [SampleFile]) -> EvaluationLog {
        let samples = summaries.map { sample in
            var scores = sample.scores ?? [:]
            if scores.isEmpty, let single = sample.score {
                scores[header.results?.scores?.first?.name ?? "score"] = single
            }
            return EvaluationLog.Sample(id: sample.id, epoch: sample.epoch ?? 1, scores: scores.mapValues(\.value))
        }
        var scorers = (header.results?.scores ?? []).map(\.name)
        for name in Set(samples.flatMap(\.scores.keys)).sorted() where !scorers.contains(name) { scorers.append(name) }
        return EvaluationLog(
            task: header.eval.task, model: header.eval.model, scorers: scorers, samples: samples,
            elicitation: header.elicitation)
    }

    /// The header: what `header.json` holds, and the top of a `.json` log.
    struct Header: Decodable {
        struct Eval: Decodable {
            let task: String
            let model: String
            let config: Config?
            let packages: [String: String]?
            let revision: Elicitation.Revision?
        }

        struct Config: Decodable {
            let epochs: Int?
            let epochsReducer: [String]?
            let limits: [String: Double]

            enum CodingKeys: String, CodingKey {
                case epochs
                case epochsReducer = "epochs_reducer"
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                epochs = try? container.decodeIfPresent(Int.self, forKey: .epochs)
                epochsReducer = try? container.decodeIfPresent([String].self, forKey: .epochsReducer)
                let all = try decoder.container(keyedBy: MemberName.self)
                var limits: [String: Double] = [:]
                for name in Elicitation.limitNames {
                    if let value = try? all.decodeIfPresent(Double.self, forKey: MemberName(stringValue: name)) {
                        limits[name] = value
                    }
                }
                self.limits = limits
            }
        }

        struct Plan: Decodable {
            let steps: [Step]?
        }

        /// A solver of the plan, with the tools it offers and the attempts it allows, when its parameters say.
        struct Step: Decodable {
            let solver: String
            let tools: [String]
            let attempts: Int?

            enum CodingKeys: String, CodingKey { case solver, params }
            enum ParameterKeys: String, CodingKey {
                case tools
                case maxAttempts = "max_attempts"
                case attempts
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                solver = try container.decode(String.self, forKey: .solver)
                let parameters = try? container.nestedContainer(keyedBy: ParameterKeys.self, forKey: .params)
                tools = (try? parameters?.decodeIfPresent([ToolName].self, forKey: .tools))??.compactMap(\.name) ?? []
                attempts =
                    (try? parameters?.decodeIfPresent(Int.self, forKey: .maxAttempts)) ?? nil
                    ?? (try? parameters?.decodeIfPresent(Int.self, forKey: .attempts)) ?? nil
            }
        }

        /// A tool as a plan lists it: its name, or an object with a `name`.
        struct ToolName: Decodable {
            let name: String?

            enum CodingKeys: String, CodingKey { case name }

            init(from decoder: any Decoder) throws {
                if let text = try? decoder.singleValueContainer().decode(String.self) {
                    name = text
                } else {
                    name = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .name)
                }
            }
        }

        struct Results: Decodable {
            struct Scorer: Decodable { let name: String }
            let scores: [Scorer]?
        }

        let eval: Eval
        let plan: Plan?
        let results: Results?

        var elicitation: Elicitation {
            var record = Elicitation()
            let steps = plan?.steps ?? []
            record.scaffold = steps.map(\.solver)
            for tool in steps.flatMap(\.tools) where !record.tools.contains(tool) { record.tools.append(tool) }
            record.attempts = steps.compactMap(\.attempts).max()
            record.limits = eval.config?.limits ?? [:]
            record.epochs = eval.config?.epochs
            record.reducers = eval.config?.epochsReducer ?? []
            record.packages = eval.packages ?? [:]
            record.revision = eval.revision
            return record
        }
    }

    /// A `.json` log: the header's fields and the samples beside them.
    struct JSONFile: Decodable {
        let header: Header
        let samples: [SampleFile]?

        enum CodingKeys: String, CodingKey { case samples }

        init(from decoder: any Decoder) throws {
            header = try Header(from: decoder)
            samples = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(
                [SampleFile].self, forKey: .samples)
        }
    }

    /// A sample (in a `.json` log) or a sample's summary (in an `.eval`): its id, epoch and scores. Version 1 logs
    /// have one `score`.
    struct SampleFile: Decodable {
        let id: String
        let epoch: Int?
        let scores: [String: ScoreFile]?
        let score: ScoreFile?

        enum CodingKeys: String, CodingKey { case id, epoch, scores, score }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let number = try? container.decode(Int.self, forKey: .id) {
                id = String(number)
            } else {
                id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
            }
            epoch = try container.decodeIfPresent(Int.self, forKey: .epoch)
            scores = try container.decodeIfPresent([String: ScoreFile].self, forKey: .scores)
            score = try container.decodeIfPresent(ScoreFile.self, forKey: .score)
        }
    }

    struct ScoreFile: Decodable {
        let value: EvaluationLog.Score

        enum CodingKeys: String, CodingKey { case value }

        init(from decoder: any Decoder) throws {
            value = EvaluationLog.Score(try decoder.container(keyedBy: CodingKeys.self), key: .value)
        }
    }
}

extension EvaluationLog.Score {
    /// A score's value as JSON holds it: a string is a letter, then a boolean, then a number; anything else `other`.
    init<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, key: Key) {
        if let text = try? container.decode(String.self, forKey: key) {
            self = .letter(text)
        } else if let flag = try? container.decode(Bool.self, forKey: key) {
            self = .boolean(flag)
        } else if let number = try? container.decode(Double.self, forKey: key) {
            self = .number(number)
        } else {
            self = .other
        }
    }
}
