import Foundation
import Testing

/// `clearinghouse evaluation summarize`, through the binary and without a server: one JSON object per log and
/// scorer, from `.json` and `.eval` logs; a log it cannot read is named on standard error, after the others, and the command exits 1.
@Suite struct EvaluationCommandTests {
    static let logs = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "../EvaluationsTests/Resources/inspect").standardized

    @Test func summarizesEachLogAndScorer() throws {
        let readable = Self.logs.appending(path: "input_task.json").path
        let result = try CommandRunner.run(["evaluation", "summarize", readable, "--level", "0.9"])
        #expect(result.status == 0, "\(result.errors)")
        let objects = CVSSCommandTests.objects(result.output)
        #expect(objects.count == 1, "\(result.output)")
        let summary = try #require(objects.first)
        #expect(summary["task"] as? String == "input_task" && summary["model"] as? String == "openai/gpt-4o-mini")
        #expect(summary["scorer"] as? String == "model_graded_fact" && summary["file"] as? String == readable)
        #expect(summary["samples"] as? Int == 1 && summary["solved"] as? Int == 1 && summary["rate"] as? Double == 1)
        // At 90%, one solve in one sample: Clopper–Pearson's lower bound is 0.05.
        let exact = try #require(summary["clopper_pearson"] as? [Double])
        #expect(abs(exact[0] - 0.05) < 1e-9 && exact[1] == 1)
        #expect((summary["wilson"] as? [Double])?.count == 2)

        // An `.eval` archive of the current inspect_ai (Zstandard): one object per scorer, in the results' order.
        let archive = try CommandRunner.run(
            ["evaluation", "summarize", Self.logs.appending(path: "ctf_probe_0.3.285.eval").path])
        let scorers = CVSSCommandTests.objects(archive.output)
        #expect(scorers.map { $0["scorer"] as? String } == ["includes", "match"], "\(archive.errors)")
        #expect(scorers.first?["samples"] as? Int == 12 && scorers.first?["solved"] as? Int == 8)
        #expect(scorers.last?["solved"] as? Int == 0 && (scorers.last?["clopper_pearson"] as? [Double])?[0] == 0)
    }

    @Test func unreadableLogsAreNamedAfterTheOthers() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let truncated = directory.appending(path: "truncated.json")
        let whole = try Data(contentsOf: Self.logs.appending(path: "log_read_sample.json"))
        try whole.prefix(whole.count / 2).write(to: truncated)
        let result = try CommandRunner.run([
            "evaluation", "summarize", truncated.path, Self.logs.appending(path: "log_read_sample.json").path,
            directory.appending(path: "run.eval").path,
        ])
        #expect(result.status == 1)
        #expect(CVSSCommandTests.objects(result.output).count == 1, "\(result.output)")
        #expect(result.errors.contains("truncated.json: The log is not"), "\(result.errors)")
        #expect(result.errors.contains("run.eval: The file cannot be read."), "\(result.errors)")
        #expect(try CommandRunner.run(["evaluation", "summarize", "x.json", "--level", "1.5"]).status != 0)
    }
}
