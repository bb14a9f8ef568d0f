import Foundation
import Testing

@testable import ClearinghouseClient

/// The reference validator's runs of proof commands: what each ending means, and what a hostile command cannot do
/// to the validator.
@Suite struct ProofRunTests {
    static func run(_ script: String, timeout: Duration = .seconds(10)) async throws -> ProofRun {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await CommandExecution.run(
            ["sh", "-c", script], environment: ["CLEARINGHOUSE_JOB_ID": "job"], in: directory, timeout: timeout)
    }

    @Test func endingsMapToResults() {
        let cases: [(ProofRun.Ending, String)] = [
            (.exited(0), "not_reproduced"), (.exited(1), "reproduced"), (.exited(124), "reproduced"),
            (.exited(139), "reproduced"), (.exited(125), "inconclusive"), (.exited(126), "inconclusive"),
            (.exited(127), "inconclusive"), (.signaled(SIGSEGV), "inconclusive"), (.signaled(SIGKILL), "inconclusive"),
            (.timedOut, "inconclusive"), (.outputExceeded, "inconclusive"),
        ]
        for (ending, result) in cases {
            #expect(ProofRun(ending: ending, output: "").result == result, "\(ending)")
        }
    }

    @Test func aCommandThatCannotRunIsInconclusive() async throws {
        let missing = try await Self.run("exec /nonexistent/proof")
        #expect(missing.result == "inconclusive", "\(missing)")
        let crashedChild = try await Self.run("sh -c 'kill -SEGV $$'")
        #expect(crashedChild.ending == .exited(128 + SIGSEGV) && crashedChild.result == "reproduced", "\(crashedChild)")
        let killedItself = try await Self.run("kill -KILL $$")
        #expect(killedItself.result == "inconclusive", "\(killedItself)")
    }

    /// The command sees the job's variables and nothing of the validator's environment.
    @Test func theEnvironmentIsScrubbed() async throws {
        setenv("CLEARINGHOUSE_TOKEN", "chtok_secret", 1)
        defer { unsetenv("CLEARINGHOUSE_TOKEN") }
        let run = try await Self.run(#"env >&2; exit 0"#)
        #expect(run.output.contains("CLEARINGHOUSE_JOB_ID=job"))
        #expect(!run.output.contains("chtok_secret"))
        #expect(!run.output.contains("CLEARINGHOUSE_TOKEN"))
    }

    /// At the timeout the whole process group stops: a child left in the background does not outlive the run.
    @Test func theWholeGroupStopsAtTheTimeout() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = directory.appendingPathComponent("survived").path
        let run = try await CommandExecution.run(
            ["sh", "-c", "(sleep 3; touch \(marker)) & sleep 30"], environment: [:], in: directory,
            timeout: .milliseconds(500))
        #expect(run.ending == .timedOut && run.result == "inconclusive")
        try await Task.sleep(for: .seconds(4))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func floodingOutputIsStopped() async throws {
        let run = try await Self.run("yes 'AAAAAAAAAAAAAAAA'", timeout: .seconds(30))
        #expect(run.ending == .outputExceeded && run.result == "inconclusive", "\(run.ending)")
    }

    /// Escape sequences and NUL in the output do not reach the attestation.
    @Test func controlCharactersAreReplaced() {
        let run = ProofRun(ending: .exited(1), output: "ERROR: AddressSanitizer\u{1b}[31m\u{0}: overflow\u{7}\n")
        #expect(!run.observedSignature.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(run.observedSignature.hasPrefix("exit status 1: ERROR: AddressSanitizer"))
    }

    /// What the server sends is checked before it names a directory or a request.
    @Test func serverValuesAreChecked() throws {
        func claim(id: String, artifact: String?, url: String?) throws -> ValidatorRunner.Claim {
            let artifactField = artifact.map { "\"\($0)\"" } ?? "null"
            let urlField = url.map { "\"\($0)\"" } ?? "null"
            return try JSONDecoder().decode(
                ValidatorRunner.Claim.self,
                from: Data(
                    #"{"job": {"id": "\#(id)", "case_id": "c", "kind": "reproduce", "artifact": \#(artifactField)}, "artifact_url": \#(urlField)}"#
                        .utf8))
        }
        let id = "01a3185c-5000-75bb-98a1-3053783cd37a"
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        #expect(try ValidatorRunner.checked(claim(id: id, artifact: digest, url: "/v1/artifacts/\(digest)")).1 != nil)
        #expect(try ValidatorRunner.checked(claim(id: id, artifact: nil, url: nil)).1 == nil)
        for (badID, badURL) in [
            ("../../etc", "/v1/artifacts/\(digest)"), (id, "https://elsewhere.example/x"), (id, "/v1/tokens"),
            (id, "/v1/artifacts/\(digest)/../../tokens"),
        ] {
            #expect(throws: ValidatorRunner.Failure.self) {
                _ = try ValidatorRunner.checked(claim(id: badID, artifact: digest, url: badURL))
            }
        }
    }
}
