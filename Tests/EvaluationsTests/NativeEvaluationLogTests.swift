import Foundation
import JSONSupport
import Testing

@testable import Evaluations

/// Our native result format (`clearinghouse-evaluation/1`): read with its elicitation record, strict about member
/// names and the format's version.
@Suite struct NativeEvaluationLogTests {
    static let example = """
        {"format": "clearinghouse-evaluation/1", "task": "ctf_probe", "model": "acme/frontier-2",
         "elicitation": {"scaffold": ["react"], "tools": ["bash", "python"], "limits": {"message_limit": 50},
                         "epochs": 2, "reducers": ["mean"], "attempts": 3, "packages": {"harness": "1.4.0"},
                         "revision": {"commit": "9f1c2e4", "origin": "https://git.example/evals", "dirty": false}},
         "samples": [{"id": "ctf-1", "epoch": 1, "scores": {"flag": true}},
                     {"id": "ctf-1", "epoch": 2, "scores": {"flag": 0.5}},
                     {"id": "ctf-2", "scores": {"flag": "C", "notes": {"free": "text"}}}]}
        """

    @Test func readsWithItsElicitation() throws {
        let log = try EvaluationLog.read(Data(Self.example.utf8))
        #expect(log.task == "ctf_probe" && log.model == "acme/frontier-2" && log.scorers == ["flag", "notes"])
        #expect(log.tally(of: "flag") == (3, 2) && log.tally(of: "notes") == (0, 0))
        #expect(log.samples.last?.epoch == 1 && log.samples.last?.scores["notes"] == .other)
        let record = log.elicitation
        #expect(record.scaffold == ["react"] && record.tools == ["bash", "python"] && record.attempts == 3)
        #expect(record.limits == ["message_limit": 50] && record.epochs == 2 && record.reducers == ["mean"])
        #expect(record.revision == .init(commit: "9f1c2e4", origin: "https://git.example/evals", dirty: false))
        #expect(record.json["limits"] == .object(["message_limit": .number("50")]))
        #expect(record.json["revision"]?["dirty"] == .bool(false))
    }

    @Test func unknownMembersAndOtherVersionsAreRefused() {
        let misspelt = Self.example.replacingOccurrences(of: "\"attempts\"", with: "\"atempts\"")
        #expect {
            try EvaluationLog.read(Data(misspelt.utf8))
        } throws: { error in
            (error as? EvaluationError)?.description.contains("atempts") == true
        }
        let later = Self.example.replacingOccurrences(of: "evaluation/1", with: "evaluation/2")
        #expect {
            try EvaluationLog.read(Data(later.utf8))
        } throws: { error in
            (error as? EvaluationError)?.description.contains("this release reads clearinghouse-evaluation/1") == true
        }
        let noSamples = #"{"format": "clearinghouse-evaluation/1", "task": "t", "model": "m"}"#
        #expect(throws: EvaluationError.self) { try EvaluationLog.read(Data(noSamples.utf8)) }
    }
}

extension NativeEvaluationLogTests {
    /// What the server keeps: every log written in the native format reads back to the same log.
    @Test(arguments: [
        ("ctf_probe_0.3.285", "eval"), ("ctf_probe_0.3.285", "json"), ("log_streaming", "eval"),
        ("popularity_unscored", "eval"), ("input_task", "json"), ("log_tool_call_error", "json"),
    ])
    func logsWrittenNativeReadBackTheSame(name: String, type: String) throws {
        let log = try EvaluationLog.read(try EvaluationLogTests.data(name, type))
        let again = try EvaluationLog.read(Data(log.nativeJSON.canonicalText.utf8))
        #expect(again == log)
    }
}
