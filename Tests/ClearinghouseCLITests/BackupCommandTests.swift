import Foundation
import Testing

/// `clearinghouse backup` copies a running SQLite server's database consistently, and its log key only when told;
/// a server restored from the copy serves a log that verifies.
@Suite struct BackupCommandTests {
    @Test func aBackupOfARunningServerRestoresToALogThatVerifies() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = "\(directory.path)/live.sqlite"
        let made = try CommandRunner.run(["log", "keygen", "--out", live + ".log-key", "--name", "clearinghouse.test/log"])
        #expect(made.status == 0, "\(made.errors)")
        let verifierKey = made.output.trimmingCharacters(in: .newlines)
        let token = try ServerProcess.bootstrap("sqlite://\(live)")
        let server = try await ServerProcess.start(
            database: "sqlite://\(live)", key: live + ".log-key", extra: ["--checkpoint-interval-ms", "20"])
        defer { server.stop() }
        let organization = try await TransparencyLogCommandTests.createOrganization(
            server, token: token, name: "Rural Hospital")
        #expect(await TransparencyLogCommandTests.verify(server, token: token, organization: organization))
        for _ in 0..<100 where await CommandRunner.get("\(server.url)/checkpoint")?.body.contains("\n2\n") != true {
            try await Task.sleep(for: .milliseconds(50))
        }

        // Taken while the server runs, with its key.
        let copy = "\(directory.path)/copy.sqlite"
        let backup = try CommandRunner.run(
            ["backup", "--database", "sqlite://\(live)", "--out", copy, "--log-key", "copy"])
        #expect(backup.status == 0, "\(backup.errors)")
        #expect(backup.output.contains("backed up \(live) to \(copy)"), "\(backup.output)")
        let keyMode = try FileManager.default.attributesOfItem(atPath: copy + ".log-key")[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        #expect(
            try String(contentsOfFile: copy + ".log-key", encoding: .utf8)
                == String(contentsOfFile: live + ".log-key", encoding: .utf8))

        // Never over an existing file; without the key when told; SQLite only.
        let again = try CommandRunner.run(["backup", "--database", "sqlite://\(live)", "--out", copy, "--log-key", "omit"])
        #expect(again.status != 0 && again.errors.contains("exists"), "\(again.errors)")
        let keyless = "\(directory.path)/keyless.sqlite"
        let omitted = try CommandRunner.run(
            ["backup", "--database", "sqlite://\(live)", "--out", keyless, "--log-key", "omit"])
        #expect(omitted.status == 0, "\(omitted.errors)")
        #expect(FileManager.default.fileExists(atPath: keyless))
        #expect(!FileManager.default.fileExists(atPath: keyless + ".log-key"))
        let unsaid = try CommandRunner.run(["backup", "--database", "sqlite://\(live)", "--out", keyless + "2"])
        #expect(unsaid.status != 0 && unsaid.errors.contains("--log-key"), "\(unsaid.errors)")
        let postgres = try CommandRunner.run(
            ["backup", "--database", "postgres://u@127.0.0.1:1/db", "--out", keyless + "3", "--log-key", "omit"])
        #expect(postgres.status != 0 && postgres.errors.contains("pg_dump"), "\(postgres.errors)")

        // Restored: a server on the copy serves the same log, and the outside verifier proves entry 1 in it.
        server.stop()
        let restored = try await ServerProcess.start(database: "sqlite://\(copy)", key: copy + ".log-key")
        defer { restored.stop() }
        let verified = try CommandRunner.run(
            ["verify", "log", "--url", restored.url, "--key", verifierKey, "--entry", "1"])
        #expect(verified.status == 0, "\(verified.errors)")
        #expect(verified.output.contains("entry 1 (organization.verify): included"), "\(verified.output)")
    }
}
