import ChildProcesses
import ClearinghouseStore
import ClearinghouseTestSupport
import Foundation
import Testing

/// A `serve` child process on a free loopback port.
struct ServerProcess {
    /// The command, with the pipes its output goes to when it has no log file: they stay open as long as this.
    let launched: CommandRunner.Launched
    var process: ChildProcess { launched.child }
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts `serve` and waits until it is ready; records an issue with its output when it does not become so.
    ///
    /// - Parameter log: A file for the server's output, for servers that answer more than a pipe holds.
    static func start(
        database: String, key: String, extra: [String] = [], log: URL? = nil
    ) async throws
        -> ServerProcess
    {
        let port = try CommandRunner.freePort()
        let handle = try log.map { url in
            if !FileManager.default.fileExists(atPath: url.path) {
                FileManager.default.createFile(atPath: url.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            return handle
        }
        let launched = try CommandRunner.start(
            ["serve", "--port", String(port), "--database", database, "--log-key", key] + extra, log: handle)
        let server = ServerProcess(launched: launched, port: port)
        let ready = try await CommandRunner.waitUntilReady(port: port)
        if !ready {
            server.process.terminate()
            let errors =
                try log.map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) } ?? launched.readErrors()
            Issue.record("the server did not become ready: \(errors.suffix(4_000))")
        }
        return server
    }

    /// Sends `signal` and waits for the process to exit; one that is still running 30 s after a SIGTERM is killed,
    /// with a warning, so that a stuck shutdown cannot hang the suite. (Seen once: a PostgreSQL node, after the
    /// outage test, never finished its graceful shutdown; the defect is noted on issue 17 to find and fix.)
    func stop(signal: Int32 = SIGTERM) {
        process.send(signal)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline {
            usleep(50_000)
        }
        if process.isRunning {
            FileHandle.standardError.write(
                Data(
                    "warning: server \(process.processIdentifier) did not stop within 30 s of signal \(signal); killed\n"
                        .utf8))
            process.send(SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Runs `body` with the URL of a new database of `engine`: a file in `directory`, or a PostgreSQL database
    /// dropped afterwards.
    static func withDatabase(
        _ engine: Dialect, in directory: URL, _ body: @Sendable (String) async throws -> Void
    ) async throws {
        switch engine {
        case .sqlite:
            try await body("sqlite://\(directory.path)/log.sqlite")
        case .postgres:
            try await TestDatabase.with(.postgres) { database in try await body("\(database.url)") }
        }
    }

    /// Bootstraps the database's first coordinator and returns its admin token.
    static func bootstrap(_ database: String) throws -> String {
        let result = try CommandRunner.run(["admin", "bootstrap", "--database", database])
        #expect(result.status == 0, "\(result.errors)")
        let printed = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        return try #require(printed?["token"] as? String)
    }

    /// Writes a log key into `directory` and returns its path and verifier key.
    static func keygen(_ directory: URL) throws -> (path: String, verifierKey: String) {
        let path = directory.appendingPathComponent("log.key").path
        let result = try CommandRunner.run(["log", "keygen", "--out", path, "--name", "clearinghouse.test/log"])
        #expect(result.status == 0, "\(result.errors)")
        return (path, result.output.trimmingCharacters(in: .newlines))
    }
}
