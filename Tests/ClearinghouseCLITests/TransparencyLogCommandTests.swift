import ClearinghouseClient
import ClearinghouseTestSupport
import Foundation
import Synchronization
import Testing
import TransparencyLog

@testable import ClearinghouseStore

@Suite struct LogKeygenCommandTests {
    @Test func writesAPrivateKeyOnceAndPrintsTheVerifierKey() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("log.key").path

        let made = try CommandRunner.run(["log", "keygen", "--out", path, "--name", "clearinghouse.example/log"])
        #expect(made.status == 0, "\(made.errors)")
        let verifier = try NoteVerifier(verifierKey: made.output.trimmingCharacters(in: .newlines))
        #expect(verifier.name == "clearinghouse.example/log")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try NoteSigner(signerKey: text).verifier == verifier)

        let again = try CommandRunner.run(["log", "keygen", "--out", path])
        #expect(again.status != 0)
        #expect(again.errors.contains("already exists"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text, "an existing key is never replaced")

        let badName = try CommandRunner.run(["log", "keygen", "--out", path + "2", "--name", "has space"])
        #expect(badName.status != 0)
        #expect(!FileManager.default.fileExists(atPath: path + "2"))
    }
}

/// What the clients of the kill test share.
final class Race: Sendable {
    /// Organizations not yet verified.
    let queue: Mutex<[String]>
    /// Organizations whose verification the server acknowledged with 200.
    let acknowledged = Mutex<[String]>([])
    /// Every checkpoint note seen.
    let checkpoints = Mutex<Set<String>>([])
    let stopPolling = Atomic(false)

    init(_ organizations: [String]) {
        queue = Mutex(organizations)
    }
}

/// The transparency log through the binary: `verify log` against a served log, and the kill test.
@Suite(.serialized) struct TransparencyLogCommandTests {
    /// A database of each engine for one test: a SQLite file in `directory`, or a fresh PostgreSQL database.
    /// Registers an organization and returns its id.
    static func createOrganization(_ server: ServerProcess, token: String, name: String) async throws -> String {
        let reply = await CommandRunner.send(
            "POST", "\(server.url)/v1/organizations", token: token,
            json: #"{"name":"\#(name)","kind":"operator","sector":"healthcare"}"#)
        #expect(reply?.status == 201, "\(String(describing: reply))")
        let object = try JSONSerialization.jsonObject(with: Data((reply?.body ?? "").utf8)) as? [String: Any]
        return try #require(object?["id"] as? String)
    }

    static func verify(_ server: ServerProcess, token: String, organization: String) async -> Bool {
        await CommandRunner.send("POST", "\(server.url)/v1/organizations/\(organization)/verify", token: token)?
            .status == 200
    }

    @Test func verifyLogPassesThenCatchesATamperedEntry() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try ServerProcess.keygen(directory)
        let databasePath = "\(directory.path)/log.sqlite"
        let token = try ServerProcess.bootstrap("sqlite://\(databasePath)")
        let server = try await ServerProcess.start(
            database: "sqlite://\(databasePath)", key: key.path, extra: ["--checkpoint-interval-ms", "20"])
        defer { server.stop() }
        let organization = try await Self.createOrganization(server, token: token, name: "Rural Hospital")
        #expect(await Self.verify(server, token: token, organization: organization))
        let state = directory.appendingPathComponent("state").path
        let arguments = ["verify", "log", "--url", server.url, "--key", key.verifierKey, "--state", state]

        for _ in 0..<100 where await CommandRunner.get("\(server.url)/checkpoint")?.body.contains("\n2\n") != true {
            try await Task.sleep(for: .milliseconds(50))
        }
        let passed = try CommandRunner.run(arguments + ["--entry", "0", "--entry", "1"])
        #expect(passed.status == 0, "\(passed.errors)")
        #expect(passed.output.contains("entry 1 (organization.verify): included"), "\(passed.output)")
        let again = try CommandRunner.run(arguments)
        #expect(again.output.contains("consistent with the remembered checkpoint of size 2"), "\(again.output)")

        // Rewrite entry 1 behind the server's back.
        try await Store.withStore(.sqlite(path: databasePath), logger: .init(label: "test")) { store in
            try await store.engine.transaction { database in
                try await database.update("log_entries").set("data", to: Data("{}".utf8)).where("idx", .equal, 1).run()
            }
        }

        let failed = try CommandRunner.run(arguments + ["--entry", "1"])
        #expect(failed.status != 0)
        #expect(failed.errors.contains("verification failed: entry 1 not included"), "\(failed.errors)")
        // A server given another log's key refuses to start on this log.
        let other = directory.appendingPathComponent("other.key").path
        #expect(try CommandRunner.run(["log", "keygen", "--out", other, "--name", "other.test/log"]).status == 0)
        let wrongKey = try await CommandRunner.run(
            ["serve", "--port", "0", "--database", "sqlite://\(databasePath)", "--log-key", other], within: 30)
        #expect(wrongKey.status != 0)
        #expect(wrongKey.errors.contains("clearinghouse.test/log"), "\(wrongKey.errors)")

        let badKey = try CommandRunner.run(["verify", "log", "--url", server.url, "--key", "not a key"])
        #expect(badKey.status != 0)
        #expect(badKey.errors.contains("--key"))
    }

    /// Verifications race from several clients while checkpoints are signed in batches; the server is killed
    /// with SIGKILL while a batch is open. After a restart every checkpoint seen before the kill is consistent
    /// with the log, and every acknowledged verification is in it.
    @Test(arguments: Dialect.allCases)
    func aKilledServerKeepsItsHistoryAndEveryAcknowledgedEntry(engine: Dialect) async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try ServerProcess.keygen(directory)
        try await ServerProcess.withDatabase(engine, in: directory) { database in
            let token = try ServerProcess.bootstrap(database)
            let batching = ["--checkpoint-entries", "5", "--checkpoint-interval-ms", "600000"]
            let server = try await ServerProcess.start(database: database, key: key.path, extra: batching)
            var organizations: [String] = []
            for number in 0..<40 {
                organizations.append(
                    try await Self.createOrganization(server, token: token, name: "Operator \(number)"))
            }

            // Eight clients verify organizations until at least 22 are acknowledged; a ninth collects checkpoints.
            let race = Race(organizations)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !race.stopPolling.load(ordering: .relaxed) {
                        if let reply = await CommandRunner.get("\(server.url)/checkpoint"), reply.status == 200 {
                            _ = race.checkpoints.withLock { $0.insert(reply.body) }
                        }
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
                for _ in 0..<8 {
                    group.addTask {
                        while race.acknowledged.withLock({ $0.count }) < 22,
                            let next = race.queue.withLock({ $0.popLast() })
                        {
                            if await Self.verify(server, token: token, organization: next) {
                                race.acknowledged.withLock { $0.append(next) }
                            }
                        }
                    }
                }
                for _ in 0..<8 {
                    try await group.next()
                }
                race.stopPolling.store(true, ordering: .relaxed)
            }
            // Leave a batch open: acknowledged entries that no checkpoint covers yet. Batches are signed only when
            // full, so one more verification at a time reaches such a state within a batch.
            var lastBeforeKill = ""
            for _ in 0..<10 {
                try await Task.sleep(for: .milliseconds(100))
                lastBeforeKill = try #require(await CommandRunner.get("\(server.url)/checkpoint")?.body)
                let signed = try Checkpoint(text: try SignedNote(parsing: lastBeforeKill).text).size
                if signed < UInt64(race.acknowledged.withLock { $0.count } + 1) {
                    break
                }
                let next = try #require(race.queue.withLock { $0.popLast() })
                #expect(await Self.verify(server, token: token, organization: next))
                race.acknowledged.withLock { $0.append(next) }
            }
            race.checkpoints.withLock { _ = $0.insert(lastBeforeKill) }
            server.stop(signal: SIGKILL)
            #expect(server.process.termination == .signaled(SIGKILL))

            let verifierKey = try NoteVerifier(verifierKey: key.verifierKey)
            let unsigned = race.acknowledged.withLock { $0.count } + 1
            let killedAt = try LogVerifier(key: verifierKey, source: HTTPLogSource(baseURL: URL(string: server.url)!))
                .open(lastBeforeKill).checkpoint
            #expect(killedAt.size < UInt64(unsigned), "the kill came while a batch was open")

            let restarted = try await ServerProcess.start(database: database, key: key.path, extra: batching)
            defer { restarted.stop() }
            let verifier = LogVerifier(key: verifierKey, source: HTTPLogSource(baseURL: URL(string: restarted.url)!))
            let latest = try await verifier.fetchCheckpoint().checkpoint
            #expect(latest.size >= UInt64(unsigned))
            let seen = race.checkpoints.withLock { $0 }
            #expect(seen.count >= 2)
            for note in seen {
                try await verifier.checkConsistency(from: try verifier.open(note).checkpoint, to: latest)
            }

            // Every entry is in the signed tree, and every acknowledged verification is among them.
            var tree = MerkleTree()
            var verified: Set<String> = []
            for index in 0..<latest.size {
                let entry = try await verifier.checkInclusion(of: index, in: latest)
                tree.append(.leaf(entry.data))
                guard entry.kind == "organization.verify" else { continue }
                let reveal = await CommandRunner.get("\(restarted.url)/v1/log/entries/\(index)/reveal", token: token)
                let body = try JSONSerialization.jsonObject(with: Data((reveal?.body ?? "").utf8)) as? [String: Any]
                let preimage = try #require(body?["preimage"] as? String)
                let event = try JSONSerialization.jsonObject(with: Data(preimage.utf8)) as? [String: Any]
                let organization = (event?["event"] as? [String: Any])?["organization"] as? [String: Any]
                if let id = organization?["id"] as? String {
                    verified.insert(id)
                }
            }
            #expect(tree.root == latest.root)
            let missing = Set(race.acknowledged.withLock { $0 }).subtracting(verified)
            #expect(missing.isEmpty, "acknowledged verifications missing from the log: \(missing)")
        }
    }
}
