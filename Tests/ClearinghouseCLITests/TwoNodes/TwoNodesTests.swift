import Foundation
import Synchronization
import Testing

/// Two `serve` processes on one PostgreSQL: concurrent writes through both leave one log without gaps or duplicate
/// indexes and one case per fingerprint, each node serves the other's writes within the documented lag (2 s), and
/// an outage of PostgreSQL is answered 503 `unavailable`, ridden out without a restart, and loses nothing
/// acknowledged.
@Suite struct TwoNodesTests {
    /// The lag `docs/operations.md` documents.
    static let documentedLag = Duration.seconds(2)

    @Test func twoNodesShareOneDatabaseAndRideOutItsOutage() async throws {
        try await PostgresCluster.with { cluster in
            let directory = try CommandRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let key = try ServerProcess.keygen(directory)
            // Requests wait at most 2 s for a connection before they are answered 503.
            let database = cluster.url + "?connect_timeout=2"
            let coordinator = try ServerProcess.bootstrap(database)
            func node(_ name: String) async throws -> ServerProcess {
                try await ServerProcess.start(
                    database: database, key: key.path, extra: ["--checkpoint-interval-ms", "200"],
                    log: directory.appendingPathComponent("\(name).log"))
            }
            let nodes = [try await node("a"), try await node("b")]
            defer { nodes.forEach { $0.stop() } }
            let tokens = try await KillAndRestartTests.tokens(nodes[0], coordinator: coordinator)
            let writes = TwinWrites(tokens: tokens)

            // Eight clients send each finding to both nodes at once, and import advisories and SBOMs through either.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<8 {
                    group.addTask {
                        for round in 0..<6 {
                            try await writes.twinFindings("\(client)-\(round)", nodes: nodes)
                            try await writes.advisory(through: nodes[(client + round) % 2], number: client * 100 + round)
                            try await writes.sbom(through: nodes[(client + round + 1) % 2], number: client * 100 + round)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let split = writes.splitCases.withLock { $0 }
            #expect(split.isEmpty, "findings of one fingerprint in two cases: \(split.prefix(5))")

            // Each node serves what the other wrote, within the documented lag.
            let lags = try await writes.lags(nodes: nodes, rounds: 10)
            #expect(lags.max()! <= Self.documentedLag, "lags: \(lags)")
            try await Self.expectOneLog(nodes, verifierKey: key.verifierKey)

            // Three outages (`CLEARINGHOUSE_OUTAGES` for more: scripts/outages), each beginning while eight clients write and read through both nodes (a query caught by
            // the shutdown once left its request, and every catalog step queued behind it, waiting forever). While
            // PostgreSQL is down, every answer that needs it is 503 `unavailable` within the 2 s wait, nothing hangs,
            // and once it is back both nodes accept writes again by themselves.
            var outageAnswers = 0
            var recoveries: [Duration] = []
            let outages = ProcessInfo.processInfo.environment["CLEARINGHOUSE_OUTAGES"].flatMap(Int.init) ?? 3
            for outage in 1...max(outages, 1) {
                let load = OutageLoad(nodes: nodes, writes: writes, outage: outage)
                let clients = Task { await load.run(clients: 8) }
                try await Task.sleep(for: .milliseconds(500))
                try cluster.pause()
                let answers = try await Self.probe(nodes, tokens: tokens, for: .seconds(3))
                try cluster.resume()
                load.stop()
                let unexpected = await clients.value.filter { !["200 -", "201 -", "503 unavailable"].contains($0) }
                #expect(unexpected.isEmpty, "answers to the clients around outage \(outage): \(unexpected.prefix(10))")
                #expect(
                    !answers.isEmpty && answers.allSatisfy { $0 == "503 unavailable" },
                    "answers in outage \(outage): \(answers)")
                outageAnswers += answers.count
                for (server, name) in zip(nodes, ["a", "b"]) {
                    let recovery = try await Self.firstWrite(through: server, tokens: tokens, within: .seconds(45))
                    if recovery == nil {
                        // What the node logged, to tell a slow reconnection from a hang.
                        let log = (try? Data(contentsOf: directory.appendingPathComponent("\(name).log"))) ?? Data()
                        Issue.record(
                            """
                            \(server.url) did not accept writes again after outage \(outage); the end of its log:
                            \(String(decoding: log.suffix(6_000), as: UTF8.self))
                            """)
                    }
                    recoveries += recovery.map { [$0] } ?? []
                }
            }

            // Nothing acknowledged before the outage is lost, on either node.
            for server in nodes {
                let checker = RestartChecker(url: server.url, tokens: tokens)
                let lost = await checker.missing(writes.acknowledged.withLock { $0 })
                #expect(lost.isEmpty, "\(server.url) lost: \(lost.prefix(10))")
            }
            try await Self.expectOneLog(nodes, verifierKey: key.verifierKey)
            print("""
                two-nodes: acknowledged=\(writes.acknowledged.withLock { $0.count }) lags-ms=\(lags.map(\.milliseconds)) \
                outage-answers=\(outageAnswers) recovery-ms=\(recoveries.map(\.milliseconds))
                """)
        }
    }

    /// Both nodes serve the same log: indexes 0 ..< size, each once, and `verify log` passes against each.
    static func expectOneLog(_ nodes: [ServerProcess], verifierKey: String) async throws {
        var logs: [[Int]] = []
        for server in nodes {
            var indexes: [Int] = []
            var size = Int.max
            while indexes.count < size {
                let reply = await CommandRunner.get("\(server.url)/v1/log/entries?start=\(indexes.count)")
                let page = try #require(MixedWriteLoad.object(reply), "\(String(describing: reply))")
                size = page["tree_size"] as? Int ?? 0
                let entries = page["entries"] as? [[String: Any]] ?? []
                if entries.isEmpty { break }
                indexes += entries.compactMap { $0["index"] as? Int }
            }
            #expect(indexes == Array(0..<indexes.count), "\(server.url) has gaps or repeats in its log")
            logs.append(indexes)
            let verified = try CommandRunner.run(["verify", "log", "--url", server.url, "--key", verifierKey])
            #expect(verified.status == 0, "\(verified.output) \(verified.errors)")
        }
        #expect(logs[0].count > 0 && Set(logs.map(\.count)).count <= 2, "log sizes: \(logs.map(\.count))")
    }

    /// Writes and reads through both nodes for `duration`; each answer as "STATUS code".
    static func probe(_ nodes: [ServerProcess], tokens: LoadTokens, for duration: Duration) async throws -> [String] {
        var answers: [String] = []
        let clock = ContinuousClock()
        let end = clock.now + duration
        var number = 0
        while clock.now < end {
            for server in nodes {
                number += 1
                let write = await CommandRunner.send(
                    "POST", "\(server.url)/v1/findings", token: tokens.researcher,
                    json: #"{"title": "Outage report \#(number)", "target": {"purl": "pkg:generic/outage-\#(number)@1.0"}}"#)
                let read = await CommandRunner.get("\(server.url)/v1/cases?limit=1", token: tokens.coordinator)
                answers += [write, read].map(Self.answer)
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return answers
    }

    /// An answer as "STATUS code" ("-" without a code), or "no answer".
    static func answer(_ reply: (status: Int, body: String)?) -> String {
        let code = MixedWriteLoad.object(reply)?["code"] as? String ?? "-"
        return reply.map { "\($0.status) \(code)" } ?? "no answer"
    }

    /// How long until a finding submitted through `server` is acknowledged; `nil` when not within `limit`.
    static func firstWrite(through server: ServerProcess, tokens: LoadTokens, within limit: Duration) async throws
        -> Duration?
    {
        let clock = ContinuousClock()
        let start = clock.now
        while clock.now - start < limit {
            let reply = await CommandRunner.send(
                "POST", "\(server.url)/v1/findings", token: tokens.researcher,
                json: #"{"title": "After the outage", "target": {"purl": "pkg:generic/after-\#(server.port)@1.0"}}"#)
            if reply?.status == 201 { return clock.now - start }
            print("two-nodes: \(server.url) answered \(reply.map { "\($0.status) \($0.body.prefix(200))" } ?? "nothing") after the outage")
            try await Task.sleep(for: .milliseconds(250))
        }
        return nil
    }
}

/// Clients that write findings and read cases through both nodes until stopped; they keep each answer, and the
/// findings acknowledged join what must not be lost.
final class OutageLoad: Sendable {
    let nodes: [ServerProcess]
    let writes: TwinWrites
    let outage: Int
    private let stopped = Atomic(false)

    init(nodes: [ServerProcess], writes: TwinWrites, outage: Int) {
        self.nodes = nodes
        self.writes = writes
        self.outage = outage
    }

    func stop() { stopped.store(true, ordering: .relaxed) }

    func run(clients: Int) async -> [String] {
        await withTaskGroup(of: [String].self) { group in
            for client in 0..<clients {
                group.addTask { await self.client(client) }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    private func client(_ client: Int) async -> [String] {
        let tokens = writes.tokens
        var answers: [String] = []
        var number = 0
        while !stopped.load(ordering: .relaxed) {
            number += 1
            let server = nodes[(client + number) % 2]
            let name = "\(outage)-\(client)-\(number)"
            let write = await CommandRunner.send(
                "POST", "\(server.url)/v1/findings", token: tokens.researcher,
                json: #"{"title": "Around an outage \#(name)", "target": {"purl": "pkg:generic/around-\#(name)@1.0"}}"#)
            if write?.status == 201,
                let placed = (MixedWriteLoad.object(write)?["findings"] as? [[String: Any]])?.first,
                let id = placed["id"] as? String, let caseID = placed["case_id"] as? String
            {
                writes.acknowledged.withLock { $0.append(.finding(id: id, caseID: caseID)) }
            }
            let read = await CommandRunner.get("\(server.url)/v1/cases?limit=1", token: tokens.coordinator)
            answers += [write, read].map(TwoNodesTests.answer)
        }
        return answers
    }
}

/// What the clients of the two-node test wrote and were acknowledged.
final class TwinWrites: Sendable {
    let tokens: LoadTokens
    let acknowledged = Mutex<[AcknowledgedWrite]>([])
    /// Findings of one fingerprint that landed in different cases.
    let splitCases = Mutex<[String]>([])

    init(tokens: LoadTokens) {
        self.tokens = tokens
    }

    /// The same finding sent to both nodes at once: both are acknowledged, into one case.
    func twinFindings(_ name: String, nodes: [ServerProcess]) async throws {
        let body = #"{"title": "Twin overflow \#(name)", "target": {"purl": "pkg:generic/twin-\#(name)@1.0"}, "cwe": ["CWE-787"]}"#
        async let first = CommandRunner.send("POST", "\(nodes[0].url)/v1/findings", token: tokens.researcher, json: body)
        async let second = CommandRunner.send("POST", "\(nodes[1].url)/v1/findings", token: tokens.researcher, json: body)
        var cases: [String] = []
        for reply in [await first, await second] {
            #expect(reply?.status == 201, "\(String(describing: reply))")
            guard let placed = (MixedWriteLoad.object(reply)?["findings"] as? [[String: Any]])?.first,
                let id = placed["id"] as? String, let caseID = placed["case_id"] as? String
            else { continue }
            cases.append(caseID)
            acknowledged.withLock { $0.append(.finding(id: id, caseID: caseID)) }
        }
        if Set(cases).count != 1 { splitCases.withLock { $0.append("\(name): \(cases)") } }
    }

    func advisory(through server: ServerProcess, number: Int) async throws {
        let id = "PYSEC-2026-\(20_000 + number)"
        let reply = await CommandRunner.send(
            "POST", "\(server.url)/v1/advisories/import", token: tokens.coordinator,
            json: #"{"id": "\#(id)", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "twin-\#(number)"}, "versions": ["1.0"]}]}"#
        )
        #expect(reply?.status == 200, "\(String(describing: reply))")
        if reply?.status == 200 { acknowledged.withLock { $0.append(.advisory(id: id)) } }
    }

    @discardableResult
    func sbom(through server: ServerProcess, number: Int) async throws -> String? {
        let reply = await CommandRunner.send(
            "POST", "\(server.url)/v1/sboms?asset=Twin-\(number)", token: tokens.operatorAnalyst,
            json: MixedWriteLoad.sbom(number))
        #expect(reply?.status == 201, "\(String(describing: reply))")
        guard let id = MixedWriteLoad.object(reply)?["id"] as? String else { return nil }
        acknowledged.withLock { $0.append(.sbom(id: id)) }
        return id
    }

    /// For each round, an SBOM written through one node and the time until the other serves it: until the request
    /// that first finds it was sent (that request's own time, which a loaded test machine can stretch, is not the
    /// other node's lag).
    func lags(nodes: [ServerProcess], rounds: Int) async throws -> [Duration] {
        let clock = ContinuousClock()
        var lags: [Duration] = []
        for round in 0..<rounds {
            let (writer, reader) = (nodes[round % 2], nodes[(round + 1) % 2])
            let id = try #require(try await sbom(through: writer, number: 1_000 + round))
            let written = clock.now
            while true {
                let asked = clock.now
                if await CommandRunner.get("\(reader.url)/v1/sboms/\(id)", token: tokens.operatorAnalyst)?.status == 200 {
                    lags.append(asked - written)
                    break
                }
                guard clock.now - written < .seconds(10) else {
                    lags.append(clock.now - written)
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        return lags
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000 }
}
