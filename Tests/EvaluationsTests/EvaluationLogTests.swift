import Foundation
import JSONSupport
import Testing

@testable import Evaluations

/// Inspect's `.json` logs (real ones, written by inspect_ai 0.3; see THIRD_PARTY_DATA.md): the task, the model, the
/// scorers and each sample's scores, and the summary `clearinghouse evaluation summarize` prints; a truncated or
/// malformed log is refused with what is wrong.
@Suite struct EvaluationLogTests {
    static func data(_ name: String, _ type: String = "json") throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Resources/inspect/\(name)", withExtension: type))
        return try Data(contentsOf: url)
    }

    static func pair(_ tree: JSONTree?) -> (Double, Double)? {
        guard case .array(let items)? = tree, items.count == 2, case .number(let low) = items[0],
            case .number(let high) = items[1], let lowValue = Double(low), let highValue = Double(high)
        else { return nil }
        return (lowValue, highValue)
    }

    @Test func realLogsReadWithTheirScores() throws {
        let log = try EvaluationLog.read(try Self.data("log_read_sample"))
        #expect(log.task == "popularity" && log.model == "ollama/gemma3" && log.scorers == ["match"])
        #expect(log.samples.count == 1 && log.samples.first?.scores["match"] == .letter("C"))
        let summary = try #require(try SolveRateSummary.of(log).first)
        #expect(summary.samples == 1 && summary.solved == 1)
        #expect(summary.json["rate"] == .number("1.0"))
        // One solve in one sample, at 95%: Clopper–Pearson [0.025, 1], Wilson [0.2065, 1].
        #expect(Self.pair(summary.json["clopper_pearson"]).map { abs($0.0 - 0.025) < 1e-9 && $0.1 == 1 } == true)
        #expect(Self.pair(summary.json["wilson"]).map { abs($0.0 - 0.20654931) < 1e-6 && $0.1 == 1 } == true)

        let graded = try EvaluationLog.read(try Self.data("input_task"))
        #expect(graded.task == "input_task" && graded.scorers == ["model_graded_fact"])
        #expect(graded.tally(of: "model_graded_fact") == (1, 1))

        // A scorer listed in the results whose samples carry no score: counted, with no rate.
        let unscored = try EvaluationLog.read(try Self.data("log_tool_call_error"))
        let empty = try #require(try SolveRateSummary.of(unscored).first)
        #expect(empty.scorer == "includes" && empty.samples == 0 && empty.json["rate"] == .null)
    }

    @Test func scoresReadAsInspectReadsThem() {
        #expect(EvaluationLog.Score.letter("C").solved && !EvaluationLog.Score.letter("P").solved)
        #expect(EvaluationLog.Score.letter("P").value == 0.5 && EvaluationLog.Score.letter("N").value == 0)
        #expect(EvaluationLog.Score.number(1).solved && EvaluationLog.Score.boolean(true).solved)
        #expect(EvaluationLog.Score.other.value == nil && EvaluationLog.Score.letter("?").value == nil)
    }

    @Test func truncatedAndMalformedLogsAreRefused() throws {
        let whole = try Self.data("log_read_sample")
        for cut in [1, whole.count / 3, whole.count / 2, whole.count - 2] {
            #expect(throws: EvaluationError.self, "cut at \(cut)") { try EvaluationLog.read(whole.prefix(cut)) }
        }
        let deep = Data((String(repeating: "[", count: 500) + String(repeating: "]", count: 500)).utf8)
        #expect(throws: EvaluationError.self) { try EvaluationLog.read(deep) }
        let noModel = Data(#"{"eval": {"task": "t"}, "samples": []}"#.utf8)
        #expect {
            try EvaluationLog.read(noModel)
        } throws: { error in
            (error as? EvaluationError)?.description.contains("model") == true
        }
    }
}
