import ArgumentParser
import Evaluations
import Foundation
import JSONSupport

/// `clearinghouse evaluation`: evaluation logs, offline.
struct EvaluationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluation",
        abstract: "Read AI evaluation logs offline.",
        subcommands: [Summarize.self])

    /// `clearinghouse evaluation summarize FILE...`: a developer's self-check, without a server.
    struct Summarize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each log's solve rates with their confidence intervals.",
            discussion: """
                Reads Inspect evaluation logs (`.eval` archives, deflated or Zstandard-compressed, and `.json`) \
                and logs in Clearinghouse's native format (`clearinghouse-evaluation/1`, see docs/frontier.md), \
                and prints one JSON object per log and scorer: {"file", "task", "model", "scorer", "samples", "solved", "rate", \
                "wilson": [low, high], "clopper_pearson": [low, high]}. A sample counts as solved when its score is \
                full (C, 1, true); samples the scorer did not score are left out. Runs without a server. Exits 1 \
                when any log cannot be read, after the others.

                Example: clearinghouse evaluation summarize logs/2026-11-30T10-00-00_ctf.eval
                """)

        @Argument(help: "Evaluation logs: Inspect .eval or .json, or native .json.") var files: [String]
        @Option(help: "The confidence level of the intervals, between 0 and 1.") var level = 0.95

        func validate() throws {
            guard level > 0, level < 1 else { throw ValidationError("--level is between 0 and 1, such as 0.95.") }
            guard !files.isEmpty else { throw ValidationError("Name at least one log.") }
        }

        func run() throws {
            var failed = false
            for file in files {
                do {
                    for summary in try Self.summaries(of: file, level: level) {
                        var object = summary.json
                        if case .object(var members) = object {
                            members["file"] = .string(file)
                            object = .object(members)
                        }
                        print(object.canonicalText)
                    }
                } catch {
                    failed = true
                    FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
                }
            }
            if failed { throw ExitCode(1) }
        }

        static func summaries(of file: String, level: Double) throws -> [SolveRateSummary] {
            let data: Data
            do {
                // Mapped, not read: of an `.eval` archive only the header and the summaries are touched.
                data = try Data(contentsOf: URL(filePath: file), options: .alwaysMapped)
            } catch {
                throw EvaluationError("The file cannot be read.")
            }
            return try SolveRateSummary.of(try EvaluationLog.read(data), level: level)
        }
    }
}
