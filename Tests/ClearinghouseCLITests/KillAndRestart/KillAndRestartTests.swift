import ClearinghouseStore
import ClearinghouseTestSupport
import Foundation
import Testing

/// A mixed write load against `serve` on each engine, killed with SIGKILL at random moments and restarted: every
/// write acknowledged with a 2xx is still there, nothing is half-written, and `verify log` proves the log consistent
/// with the last checkpoint seen before each kill.
///
/// The suite runs `CLEARINGHOUSE_KILL_CYCLES` kills per engine (3 when unset); `scripts/kill-restart` runs many
/// more and prints the figures `docs/reliability.md` reports.
@Suite struct KillAndRestartTests {
    static var cycles: Int {
        ProcessInfo.processInfo.environment["CLEARINGHOUSE_KILL_CYCLES"].flatMap(Int.init) ?? 3
    }

    @Test(arguments: Dialect.allCases)
    func acknowledgedWritesSurviveSIGKILL(engine: Dialect) async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try ServerProcess.keygen(directory)
        let log = directory.appendingPathComponent("server.log")
        let state = directory.appendingPathComponent("checkpoint").path
        let cycles = Self.cycles
        try await ServerProcess.withDatabase(engine, in: directory) { database in
            let coordinator = try ServerProcess.bootstrap(database)
            let options = ["--checkpoint-entries", "5", "--checkpoint-interval-ms", "200"]
            func start() async throws -> ServerProcess {
                try await ServerProcess.start(database: database, key: key.path, extra: options, log: log)
            }
            var server = try await start()
            let load = MixedWriteLoad(tokens: try await Self.tokens(server, coordinator: coordinator))
            var report = KillReport(engine: engine)

            var checked = 0
            for cycle in 0..<cycles {
                let delay = Duration.milliseconds(Int.random(in: 300...2_500))
                let url = server.url
                async let writing: Void = load.run(against: url, clients: 6)
                try await Task.sleep(for: delay)
                // The kill needs a checkpoint seen before it; on a loaded machine the first may take longer than
                // the shortest delay.
                let patience = ContinuousClock.now + .seconds(30)
                while load.latestCheckpoint.withLock({ $0 }) == nil, ContinuousClock.now < patience {
                    try await Task.sleep(for: .milliseconds(50))
                }
                server.stop(signal: SIGKILL)
                load.stop()
                await writing
                #expect(server.process.termination == .signaled(SIGKILL))
                let seen = try #require(load.latestCheckpoint.withLock { $0 }, "a checkpoint before the kill")
                try seen.note.write(toFile: state, atomically: true, encoding: .utf8)

                server = try await start()
                let checker = RestartChecker(url: server.url, tokens: load.tokens)
                // In a long run, each restart checks the writes acknowledged since the last one, and every tenth (and
                // the last) checks every write and every record again, so that the checks stay linear.
                let acknowledged = load.acknowledged.withLock { $0 }
                let thorough = cycles <= 10 || cycle == cycles - 1 || cycle % 10 == 9
                let lost = await checker.missing(thorough ? acknowledged : Array(acknowledged[checked...]))
                let halfWritten = thorough ? await checker.halfWritten() : []
                checked = acknowledged.count
                let verified = try CommandRunner.run([
                    "verify", "log", "--url", server.url, "--key", key.verifierKey, "--state", state,
                ])
                #expect(verified.status == 0, "verify log after a kill: \(verified.output) \(verified.errors)")
                #expect(lost.isEmpty, "acknowledged writes missing after a restart: \(lost.prefix(20))")
                #expect(halfWritten.isEmpty, "half-written records after a restart: \(halfWritten.prefix(20))")
                report.record(
                    acknowledged: acknowledged, lost: lost, halfWritten: halfWritten.count, checkpointSize: seen.size)
            }
            server.stop()
            print(report.summary)
        }
    }

    /// A researcher's and an operator's analyst tokens, made through the API.
    static func tokens(_ server: ServerProcess, coordinator: String) async throws -> LoadTokens {
        func token(kind: String, sector: String?) async throws -> String {
            let sectorField = sector.map { #", "sector": "\#($0)""# } ?? ""
            let created = await CommandRunner.send(
                "POST", "\(server.url)/v1/organizations", token: coordinator,
                json: #"{"name": "Load \#(kind)", "kind": "\#(kind)"\#(sectorField)}"#)
            let id = try #require(MixedWriteLoad.object(created)?["id"] as? String, "\(String(describing: created))")
            let minted = await CommandRunner.send(
                "POST", "\(server.url)/v1/organizations/\(id)/tokens", token: coordinator, json: #"{"role": "analyst"}"#)
            return try #require(MixedWriteLoad.object(minted)?["token"] as? String)
        }
        return LoadTokens(
            coordinator: coordinator, researcher: try await token(kind: "researcher", sector: nil),
            operatorAnalyst: try await token(kind: "operator", sector: "energy"))
    }
}

/// The figures of one engine's run.
struct KillReport {
    let engine: Dialect
    private(set) var cycles = 0
    private(set) var acknowledged: [AcknowledgedWrite] = []
    private(set) var lost: Set<String> = []
    private(set) var halfWritten = 0
    private(set) var lastCheckpointSize = 0

    mutating func record(
        acknowledged: [AcknowledgedWrite], lost: [String], halfWritten: Int, checkpointSize: Int
    ) {
        cycles += 1
        self.acknowledged = acknowledged
        self.lost.formUnion(lost)
        self.halfWritten += halfWritten
        lastCheckpointSize = checkpointSize
    }

    var summary: String {
        let kinds = Dictionary(grouping: acknowledged, by: \.kind).mapValues(\.count)
        let byKind = kinds.keys.sorted().map { "\($0)=\(kinds[$0]!)" }.joined(separator: " ")
        return """
            kill-restart engine=\(engine) cycles=\(cycles) acknowledged=\(acknowledged.count) (\(byKind)) \
            lost=\(lost.count) half-written=\(halfWritten) last-checkpoint-size=\(lastCheckpointSize)
            """
    }
}
