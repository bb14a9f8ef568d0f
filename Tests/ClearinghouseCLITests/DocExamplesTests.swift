import ChildProcesses
import Foundation
import Testing

/// The README's and the guides' shell examples, run as written against a fresh server: each document's examples in
/// order in one shell (a variable set by one example is there for the next), `clearinghouse` and `swift run
/// clearinghouse` being the built command, `127.0.0.1:8080` and `localhost:8080` the test's server, and `curl`
/// failing on any answer of 400 or more. A guide's examples find `$TOKEN`, a coordinator admin's token, as the
/// README's first session leaves it; the README makes its own.
@Suite(.serialized) struct DocExamplesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let documents: [String] = {
        let guides =
            (try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("docs").path))
            ?? []
        return ["README.md"] + guides.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }()

    static func examples(of document: String) throws -> [DocExample] {
        let text = try String(contentsOf: repository.appendingPathComponent(document), encoding: .utf8)
        return DocExample.examples(in: text, file: document)
    }

    @Test func examplesAreFoundAndSkipsSayWhy() {
        let markdown = """
            Text.

            ```sh
            echo one
            ```

            <!-- example: skip, needs a PostgreSQL server -->
            ```bash
            echo two
            ```

            ```json
            {}
            ```
            """
        let examples = DocExample.examples(in: markdown, file: "x.md")
        #expect(examples.map(\.code) == ["echo one", "echo two"])
        #expect(examples.map(\.line) == [3, 8])
        #expect(examples.map(\.skipReason) == [nil, "needs a PostgreSQL server"])
    }

    @Test(arguments: documents)
    func examplesRunAsWritten(document: String) async throws {
        let examples = try Self.examples(of: document).filter { $0.skipReason == nil }
        guard !examples.isEmpty else { return }
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for shared in ["Tests", "scripts"] {
            try FileManager.default.createSymbolicLink(
                at: directory.appendingPathComponent(shared),
                withDestinationURL: Self.repository.appendingPathComponent(shared))
        }
        let bin = directory.appendingPathComponent(".bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let shim = bin.appendingPathComponent("swift")
        try """
        #!/bin/sh
        # `swift run clearinghouse ARGS` is the built command; nothing else of `swift` is for examples.
        if [ "$1" = run ] && [ "$2" = clearinghouse ]; then shift 2; exec '\(try CommandRunner.executable.path)' "$@"; fi
        echo "examples may use only 'swift run clearinghouse'" >&2; exit 2
        """.write(to: shim, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shim.path)
        try FileManager.default.createSymbolicLink(
            at: bin.appendingPathComponent("clearinghouse"), withDestinationURL: try CommandRunner.executable)

        let port = try CommandRunner.freePort()
        let server = try CommandRunner.start(
            ["serve", "--port", String(port), "--log-level", "warning"], directory: directory)
        defer { server.child.terminate() }
        try #require(try await CommandRunner.waitUntilReady(port: port), "the server did not start")

        var script = """
            set -euo pipefail
            curl() { command curl --fail-with-body --max-time 60 "$@"; }

            """
        if document != "README.md" {
            script += """
                clearinghouse admin bootstrap > .bootstrap.json
                TOKEN=$(python3 -c 'import json; print(json.load(open(".bootstrap.json"))["token"])')

                """
        }
        for (index, example) in examples.enumerated() {
            script += "echo '::example \(index)::' >&2\n"
            script +=
                example.code.replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(port)")
                .replacingOccurrences(of: "localhost:8080", with: "127.0.0.1:\(port)") + "\n"
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment.removeValue(forKey: "CLEARINGHOUSE_DATABASE_URL")
        let (termination, output) = try ChildProcess.run(
            "/bin/bash", arguments: ["-c", script], environment: environment, directory: directory.path)
        let text = String(decoding: output, as: UTF8.self)
        let reached = text.components(separatedBy: "::example ").count - 2
        let failed = reached >= 0 && reached < examples.count ? "\(examples[reached])" : document
        #expect(termination == .exited(0), "the example at \(failed) failed:\n\(text.suffix(3_000))")
    }
}
