import ClearinghouseStore
import ClearinghouseTestSupport
import Foundation
import Testing

@Suite struct HelpTests {
    /// Every command and every option explains itself in `--help`.
    @Test(arguments: [
        ([], ["serve", "migrate", "admin", "import", "log", "verify", "backup"]),
        (["backup"], ["--out", "--log-key", "--database"]),
        (["import"], ["osv"]),
        (["import", "osv"], ["--json", "--database", "--log-level"]),
        (
            ["serve"],
            [
                "--host", "--port", "--max-body-size", "--database", "--log-key", "--log-origin",
                "--checkpoint-entries", "--checkpoint-interval-ms", "--log-level", "--log-format",
            ]
        ),
        (["migrate"], ["--database", "--log-level", "--log-format"]),
        (["admin"], ["bootstrap"]),
        (["log"], ["keygen"]),
        (["log", "keygen"], ["--out", "--name"]),
        (["verify"], ["log"]),
        (["verify", "log"], ["--url", "--key", "--state", "--entry"]),
        (["admin", "bootstrap"], ["--name", "--contact-email", "--token-lifetime-days", "--database", "--log-level"]),
    ])
    func everyCommandAndOptionHasHelp(command: [String], entries: [String]) throws {
        let result = try CommandRunner.run(command + ["--help"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        for entry in entries {
            let start = try #require(
                lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(entry) }, "\(entry) is not listed")
            // The entry's help runs until the next entry or the end of the section, wrapped over lines.
            var block = lines[start].trimmingCharacters(in: .whitespaces)
            for line in lines[(start + 1)...] {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("-") || !line.hasPrefix("    ") { break }
                block += " " + trimmed
            }
            let words = block.split(separator: " ").filter { !$0.hasPrefix("-") && !$0.hasPrefix("<") }
            #expect(words.count >= 4, "\(entry) has no help text: \(block)")
        }
    }

    @Test func theDatabaseOptionNamesItsEnvironmentVariable() throws {
        let result = try CommandRunner.run(["serve", "--help"])
        #expect(result.output.contains("CLEARINGHOUSE_DATABASE_URL"))
        #expect(result.output.contains("sqlite://./clearinghouse.sqlite"))
    }
}

@Suite struct BootstrapCommandTests {
    @Test func bootstrapsOnceAndThenRefuses() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/clearinghouse.sqlite"

        let first = try CommandRunner.run(["admin", "bootstrap", "--database", database, "--name", "State CSIRT"])
        #expect(first.status == 0, "\(first.errors)")
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        #expect(Set(printed.keys) == ["organization", "token"])
        let organization = try #require(printed["organization"] as? [String: Any])
        #expect(organization["name"] as? String == "State CSIRT")
        #expect(organization["kind"] as? String == "coordinator")
        #expect((printed["token"] as? String)?.hasPrefix("chtok_") == true)

        let second = try CommandRunner.run(["admin", "bootstrap", "--database", database])
        #expect(second.status != 0)
        #expect(second.output.isEmpty)
        #expect(second.errors.contains("already bootstrapped"))
    }

    @Test func refusesBadInputWithAMessage() throws {
        let unusable = try CommandRunner.run(["admin", "bootstrap", "--database", "mysql://root@localhost/x"])
        #expect(unusable.status != 0)
        #expect(unusable.errors.contains("sqlite://"))
        let lifetime = try CommandRunner.run([
            "admin", "bootstrap", "--database", "sqlite:///nonexistent-dir/x.sqlite", "--token-lifetime-days", "0",
        ])
        #expect(lifetime.status != 0)
        #expect(lifetime.errors.contains("1 to 366"))
        let missingDirectory = try CommandRunner.run(["migrate", "--database", "sqlite:///nonexistent-dir/x.sqlite"])
        #expect(missingDirectory.status != 0)
        #expect(missingDirectory.errors.contains("does not exist"))
        let level = try CommandRunner.run(["migrate", "--log-level", "loud"])
        #expect(level.status != 0)
        #expect(level.errors.contains("--log-level"))
        for (arguments, named) in [
            (["--embargo-days", "400"], "--embargo-days is from 1 to --embargo-max-days (365)"),
            (["--embargo-known-exploited-days", "0"], "--embargo-known-exploited-days"),
            (["--embargo-time-zone", "EST"], "--embargo-time-zone is an IANA time zone name"),
            (["--advisory-prefix", "GHSA"], "--advisory-prefix: `GHSA` names another database's advisories"),
            (["--advisory-prefix", "chx"], "--advisory-prefix: An advisory prefix is 2 to 12 capital letters"),
            (["--cve-org-id", "redhat"], "--cve-org-id is a UUID"),
        ] {
            let refused = try CommandRunner.run(["serve"] + arguments)
            #expect(refused.status != 0 && refused.errors.contains(named), "\(arguments): \(refused.errors)")
        }
    }
}

@Suite struct MigrateCommandTests {
    @Test func readsTheDatabaseFromTheEnvironmentUnlessTheFlagIsGiven() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fromEnvironment = "sqlite://\(directory.path)/env.sqlite"
        let fromFlag = "sqlite://\(directory.path)/flag.sqlite"

        let first = try CommandRunner.run(["migrate"], environment: ["CLEARINGHOUSE_DATABASE_URL": fromEnvironment])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("env.sqlite: applied 0001_foundation"))
        let again = try CommandRunner.run(["migrate"], environment: ["CLEARINGHOUSE_DATABASE_URL": fromEnvironment])
        #expect(again.output.contains("up to date"))
        let flagged = try CommandRunner.run(
            ["migrate", "--database", fromFlag], environment: ["CLEARINGHOUSE_DATABASE_URL": fromEnvironment])
        #expect(flagged.output.contains("flag.sqlite: applied"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("flag.sqlite").path))
    }
}

@Suite struct ServeCommandTests {
    /// Starts `serve`, waits until it answers, checks it, stops it with a signal and checks the clean exit.
    @discardableResult
    func serveAndStop(
        database: String, signal: Int32, extra: [String] = [], check: (Int, String) async throws -> Void
    ) async throws
        -> String
    {
        let port = try CommandRunner.freePort()
        let server = try CommandRunner.start(
            [
                "serve", "--port", String(port), "--database", database, "--log-format", "json",
            ] + extra)
        var answered = false
        for _ in 0..<100 where !answered {
            if await CommandRunner.get("http://127.0.0.1:\(port)/health")?.status == 200 {
                answered = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(answered, "the server did not answer /health")
        if answered {
            try await check(port, database)
        }
        server.child.send(signal)
        let log = try server.readErrors()
        #expect(server.child.waitUntilExit() == .exited(0), "\(log)")
        let lines = log.split(separator: "\n")
        #expect(
            lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil },
            "not JSON lines: \(log)")
        #expect(log.contains(#""message":"stopped""#))
        #expect(log.contains(#""request_id":"#))
        return log
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func servesSQLiteAndStopsCleanly(signal: Int32) async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite://\(directory.path)/serve.sqlite"
        let log = try await serveAndStop(database: database, signal: signal) { port, database in
            let ready = await CommandRunner.get("http://127.0.0.1:\(port)/ready")
            #expect(ready?.status == 200)
            #expect(ready?.body.contains("sqlite") == true)
            // The CLI bootstraps the database the running server uses.
            let bootstrap = try CommandRunner.run(["admin", "bootstrap", "--database", database])
            #expect(bootstrap.status == 0, "\(bootstrap.errors)")
            let token = try #require(
                (try JSONSerialization.jsonObject(with: Data(bootstrap.output.utf8)) as? [String: Any])?["token"]
                    as? String)
            let me = await CommandRunner.get("http://127.0.0.1:\(port)/v1/me", token: token)
            #expect(me?.status == 200)
        }
        // The access log names who made authenticated requests.
        #expect(log.contains(#""organization_id":"#) && log.contains(#""path":"\/v1\/me""#), "\(log)")
        // Without --log-key, a SQLite server makes its log key beside the database, readable by its owner only.
        let keyPath = directory.appendingPathComponent("serve.sqlite.log-key").path
        let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(log.contains("created the transparency log key"))
        let after = try CommandRunner.run(["migrate", "--database", database])
        #expect(after.output.contains("up to date"))
    }

    @Test func keepsServingWhenItsLogReaderGoesAway() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try CommandRunner.freePort()
        // As `serve | head -1` leaves it: the reading end of its log closes after the first line.
        let server = try CommandRunner.start([
            "serve", "--port", String(port), "--database", "sqlite://\(directory.path)/serve.sqlite",
        ])
        _ = try server.errors?.fileHandleForReading.read(upToCount: 1)
        try server.errors?.fileHandleForReading.close()
        #expect(try await CommandRunner.waitUntilReady(port: port))
        for _ in 0..<20 {
            #expect(await CommandRunner.get("http://127.0.0.1:\(port)/health")?.status == 200)
        }
        #expect(server.child.isRunning)
        server.child.terminate()
        #expect(server.child.waitUntilExit() == .exited(0))
    }

    @Test func servesPostgreSQL() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try ServerProcess.keygen(directory).path
        try await TestDatabase.with(.postgres) { database in
            // PostgreSQL servers may run as several nodes, so the log key is never made implicitly.
            let keyless = try await CommandRunner.run(
                ["serve", "--database", "\(database.url)", "--port", "0"], within: 30)
            #expect(keyless.status != 0)
            #expect(keyless.errors.contains("--log-key"))
            try await serveAndStop(database: "\(database.url)", signal: SIGTERM, extra: ["--log-key", key]) { port, _ in
                let ready = await CommandRunner.get("http://127.0.0.1:\(port)/ready")
                #expect(ready?.status == 200)
                #expect(ready?.body.contains("postgres") == true)
            }
        }
    }
}
