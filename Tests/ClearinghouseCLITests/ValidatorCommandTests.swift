import ChildProcesses
import Foundation
import Testing

/// The reference validator end to end, through the binary: a real program, vulnerable in 1.0 and fixed in 1.1, a
/// proof that overflows its header buffer, two independent validators validating the case and then its fix.
@Suite(.serialized) struct ValidatorCommandTests {
    /// A header parser: 1.0 copies the header into a 16-byte buffer without checking its length; 1.1 checks.
    static let program = """
        #include <stdio.h>
        #include <string.h>

        static int parse_header(const char *input, size_t length) {
            char name[16];
        #ifdef FIXED
            if (length >= sizeof name) return -1;
        #endif
            memcpy(name, input, length);
            name[length] = 0;
            return name[0] == 'H';
        }

        int main(int argc, char **argv) {
            static char buffer[4096];
            FILE *file = argc > 1 ? fopen(argv[1], "rb") : NULL;
            if (!file) return 125;
            size_t length = fread(buffer, 1, sizeof buffer, file);
            fclose(file);
            printf("parsed: %d\\n", parse_header(buffer, length));
            return 0;
        }
        """

    /// Builds both versions of the program and the script the validators run.
    static func buildProgram(in directory: URL) throws -> URL {
        let source = directory.appendingPathComponent("hdrparse.c")
        try program.write(to: source, atomically: true, encoding: .utf8)
        for (version, flags) in [("1.0", [String]()), ("1.1", ["-DFIXED"])] {
            let compile = try ChildProcess.run(
                "/usr/bin/env",
                arguments: [
                    "cc", "-O0", "-fstack-protector-all", "-o",
                    directory.appendingPathComponent("hdrparse-\(version)").path,
                ] + flags + [source.path])
            try #require(
                compile.termination == .exited(0),
                "the C compiler (`cc`) failed to build hdrparse \(version): \(String(decoding: compile.output, as: UTF8.self))"
            )
        }
        let script = directory.appendingPathComponent("reproduce.sh")
        try """
        #!/bin/sh
        # Runs the proof against the version the job names: pkg:generic/hdrparse@1.0 runs hdrparse-1.0.
        # The target runs as a child: its crash becomes exit status 128 + the signal (the command itself being
        # killed would be inconclusive).
        "\(directory.path)/hdrparse-${CLEARINGHOUSE_TARGET##*@}" "$CLEARINGHOUSE_ARTIFACT"
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func organization(
        _ server: ServerProcess, token: String, name: String, kind: String
    ) async throws -> (id: String, token: String) {
        let created = await CommandRunner.send(
            "POST", "\(server.url)/v1/organizations", token: token, json: #"{"name":"\#(name)","kind":"\#(kind)"}"#)
        let id = try #require(json(created?.body ?? "")["id"] as? String, "\(String(describing: created))")
        #expect(
            await CommandRunner.send("POST", "\(server.url)/v1/organizations/\(id)/verify", token: token)?.status == 200
        )
        let minted = await CommandRunner.send(
            "POST", "\(server.url)/v1/organizations/\(id)/tokens", token: token, json: #"{"role":"admin"}"#)
        return (id, try #require(json(minted?.body ?? "")["token"] as? String))
    }

    @Test func twoValidatorsReproduceTheProofThenVerifyTheFix() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = try Self.buildProgram(in: directory)
        let logKey = try ServerProcess.keygen(directory)
        let database = "sqlite://\(directory.path)/validation.sqlite"
        let coordinator = try ServerProcess.bootstrap(database)
        let server = try await ServerProcess.start(database: database, key: logKey.path)
        defer { server.stop() }

        let researcher = try await Self.organization(server, token: coordinator, name: "Lab", kind: "researcher")
        var validators: [(token: String, key: String)] = []
        for name in ["Sandbox One", "Sandbox Two"] {
            let validator = try await Self.organization(server, token: coordinator, name: name, kind: "validator")
            let keyPath = directory.appendingPathComponent("\(validator.id).key").path
            let keygen = try CommandRunner.run(["validator", "keygen", "--out", keyPath])
            #expect(keygen.status == 0, "\(keygen.errors)")
            let publicKey = try #require(Self.json(keygen.output)["public_key"] as? String)
            let registered = await CommandRunner.send(
                "POST", "\(server.url)/v1/validator-keys", token: validator.token,
                json: #"{"public_key":"\#(publicKey)"}"#)
            #expect(registered?.status == 201, "\(String(describing: registered))")
            validators.append((validator.token, keyPath))
        }
        // A second keygen never replaces a key.
        #expect(try CommandRunner.run(["validator", "keygen", "--out", validators[0].key]).status != 0)

        let proof = await CommandRunner.send(
            "POST", "\(server.url)/v1/artifacts", token: researcher.token, json: String(repeating: "A", count: 600))
        let digest = try #require(Self.json(proof?.body ?? "")["sha256"] as? String, "\(String(describing: proof))")
        let submitted = await CommandRunner.send(
            "POST", "\(server.url)/v1/findings", token: researcher.token,
            json: """
                {"title": "Stack buffer overflow in parse_header", "target": {"purl": "pkg:generic/hdrparse@1.0"},
                 "cwe": ["CWE-121"], "locations": [{"path": "hdrparse.c", "function": "parse_header"}],
                 "artifacts": ["\(digest)"]}
                """)
        let caseID = try #require(
            (Self.json(submitted?.body ?? "")["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
        func move(_ state: String) async {
            let moved = await CommandRunner.send(
                "POST", "\(server.url)/v1/cases/\(caseID)/transitions", token: coordinator,
                json: #"{"state":"\#(state)"}"#)
            #expect(moved?.status == 200, "\(String(describing: moved))")
        }
        func state() async -> String? {
            let shown = await CommandRunner.get("\(server.url)/v1/cases/\(caseID)", token: coordinator)
            return (Self.json(shown?.body ?? "")["case"] as? [String: Any])?["state"] as? String
        }
        func validate(_ validator: (token: String, key: String)) throws -> [String: Any] {
            let result = try CommandRunner.run(
                [
                    "validator", "run", "--server", server.url, "--key", validator.key, "--timeout", "20", "--work-dir",
                    directory.appendingPathComponent("work").path, "--", script.path,
                ], environment: ["CLEARINGHOUSE_TOKEN": validator.token])
            #expect(result.status == 0, "\(result.errors)")
            let lines = result.output.split(separator: "\n")
            #expect(lines.count == 1, "\(result.output)\n\(result.errors)")
            return Self.json(String(lines.first ?? ""))
        }

        await move("triaged")
        let first = try validate(validators[0])
        #expect(first["result"] as? String == "reproduced", "\(first)")
        #expect(first["outcome"] == nil)
        let second = try validate(validators[1])
        #expect(second["result"] as? String == "reproduced", "\(second)")
        #expect(second["outcome"] as? String == "reproduced")
        #expect(await state() == "validated")

        await move("remediating")
        let fix = await CommandRunner.send(
            "POST", "\(server.url)/v1/cases/\(caseID)/fix-verifications", token: coordinator,
            json: #"{"target":{"purl":"pkg:generic/hdrparse@1.1"}}"#)
        #expect(fix?.status == 201, "\(String(describing: fix))")
        #expect(try validate(validators[0])["result"] as? String == "not_reproduced")
        let verified = try validate(validators[1])
        #expect(verified["result"] as? String == "not_reproduced")
        #expect((verified["observed_signature"] as? String)?.hasPrefix("exit status 0") == true)
        #expect(await state() == "fixed")

        // Nothing left: the validator says so and exits cleanly.
        let tokenFile = directory.appendingPathComponent("token")
        try validators[0].token.write(to: tokenFile, atomically: true, encoding: .utf8)
        let idle = try CommandRunner.run([
            "validator", "run", "--server", server.url, "--token-file", tokenFile.path, "--key", validators[0].key,
            "--", script.path,
        ])
        #expect(idle.status == 0 && idle.output.isEmpty && idle.errors.contains("0 jobs attested"), "\(idle.errors)")
    }

    @Test func refusesToRunWithoutACommandOrWithABadKey() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let noCommand = try CommandRunner.run([
            "validator", "run", "--server", "http://127.0.0.1:1", "--key", "k",
        ])
        #expect(noCommand.status != 0 && noCommand.errors.contains("after `--`"), "\(noCommand.errors)")
        let bogus = directory.appendingPathComponent("bogus.key")
        try "not a key".write(to: bogus, atomically: true, encoding: .utf8)
        let badKey = try CommandRunner.run(
            ["validator", "run", "--server", "http://127.0.0.1:1", "--key", bogus.path, "--", "true"],
            environment: ["CLEARINGHOUSE_TOKEN": "t"])
        #expect(badKey.status != 0 && badKey.errors.contains("is not a validator key"), "\(badKey.errors)")
        // The token is never taken from the command line.
        let onCommandLine = try CommandRunner.run([
            "validator", "run", "--server", "http://127.0.0.1:1", "--token", "t", "--key", bogus.path, "--", "true",
        ])
        #expect(onCommandLine.status != 0 && onCommandLine.errors.contains("--token"), "\(onCommandLine.errors)")
        let noToken = try CommandRunner.run([
            "validator", "run", "--server", "http://127.0.0.1:1", "--key", bogus.path, "--", "true",
        ])
        #expect(noToken.errors.contains("CLEARINGHOUSE_TOKEN"), "\(noToken.errors)")
    }
}
