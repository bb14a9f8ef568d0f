import Foundation
import Synchronization

/// A write the server acknowledged with a 2xx, with what finds it again.
enum AcknowledgedWrite: Sendable {
    case finding(id: String, caseID: String)
    case sbom(id: String)
    case triage(caseID: String)
    case decision(caseID: String, id: String)
    case advisory(id: String)
    case organization(id: String)

    var kind: String {
        switch self {
        case .finding: "finding"
        case .sbom: "sbom"
        case .triage: "triage"
        case .decision: "decision"
        case .advisory: "advisory"
        case .organization: "organization"
        }
    }
}

/// The tokens the load writes with: a coordinator admin's, a researcher analyst's, an operator analyst's.
struct LoadTokens: Sendable {
    let coordinator: String
    let researcher: String
    let operatorAnalyst: String
}

/// Clients writing findings, SBOMs, case transitions, SSVC decisions, advisory imports and organizations at once,
/// remembering every write the server acknowledged and the latest checkpoint it published.
final class MixedWriteLoad: Sendable {
    let tokens: LoadTokens
    let acknowledged = Mutex<[AcknowledgedWrite]>([])
    /// Acknowledged cases not yet triaged.
    private let untriaged = Mutex<[String]>([])
    /// The newest checkpoint note seen, with its tree size.
    let latestCheckpoint = Mutex<(size: Int, note: String)?>(nil)
    private let counter = Atomic<Int>(0)
    private let stopping = Atomic(false)

    init(tokens: LoadTokens) {
        self.tokens = tokens
    }

    /// Runs `clients` writers and a checkpoint watcher against the server at `url` until ``stop()``.
    func run(against url: String, clients: Int) async {
        stopping.store(false, ordering: .relaxed)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !self.stopping.load(ordering: .relaxed) {
                    await self.watchCheckpoint(url)
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
            for _ in 0..<clients {
                group.addTask {
                    while !self.stopping.load(ordering: .relaxed) {
                        await self.writeOnce(url)
                    }
                }
            }
        }
    }

    /// Ends ``run(against:clients:)`` once the requests in flight are answered or refused.
    func stop() {
        stopping.store(true, ordering: .relaxed)
    }

    private func next() -> Int {
        counter.wrappingAdd(1, ordering: .relaxed).newValue
    }

    private func watchCheckpoint(_ url: String) async {
        guard let reply = await CommandRunner.get("\(url)/checkpoint"), reply.status == 200 else { return }
        // The note's second line is the tree size.
        let lines = reply.body.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1, let size = Int(lines[1]) else { return }
        latestCheckpoint.withLock { latest in
            if size >= latest?.size ?? -1 { latest = (size, reply.body) }
        }
    }

    /// One write of a kind drawn at random.
    private func writeOnce(_ url: String) async {
        let n = next()
        switch Int.random(in: 0..<100) {
        case 0..<30:
            let reply = await CommandRunner.send(
                "POST", "\(url)/v1/findings", token: tokens.researcher,
                json: #"{"title": "Load overflow \#(n)", "target": {"purl": "pkg:generic/load-\#(n)@1.0"}, "cwe": ["CWE-787"]}"#)
            guard reply?.status == 201, let placed = (Self.object(reply)?["findings"] as? [[String: Any]])?.first,
                let id = placed["id"] as? String, let caseID = placed["case_id"] as? String
            else { return }
            acknowledged.withLock { $0.append(.finding(id: id, caseID: caseID)) }
            untriaged.withLock { $0.append(caseID) }
        case 30..<50:
            let reply = await CommandRunner.send(
                "POST", "\(url)/v1/sboms?asset=Load-\(n)", token: tokens.operatorAnalyst, json: Self.sbom(n))
            guard reply?.status == 201, let id = Self.object(reply)?["id"] as? String else { return }
            acknowledged.withLock { $0.append(.sbom(id: id)) }
        case 50..<65:
            guard let caseID = untriaged.withLock({ $0.popLast() }) else { return }
            let reply = await CommandRunner.send(
                "POST", "\(url)/v1/cases/\(caseID)/transitions", token: tokens.coordinator,
                json: #"{"state": "triaged"}"#)
            guard reply?.status == 200 else { return }
            acknowledged.withLock { $0.append(.triage(caseID: caseID)) }
        case 65..<80:
            let caseID = acknowledged.withLock { written -> String? in
                guard case .finding(_, let caseID)? = written.last(where: { $0.kind == "finding" }) else { return nil }
                return caseID
            }
            guard let caseID else { return }
            let reply = await CommandRunner.send(
                "POST", "\(url)/v1/ssvc-decisions", token: tokens.coordinator,
                json: #"{"case_id": "\#(caseID)", "table": "cisa-coordinator", "inputs": {"E": "P", "A": "N", "TI": "P", "MWI": "M"}}"#
            )
            guard reply?.status == 201, let id = Self.object(reply)?["id"] as? String else { return }
            acknowledged.withLock { $0.append(.decision(caseID: caseID, id: id)) }
        case 80..<90:
            let id = "PYSEC-2026-\(10_000 + n)"
            let reply = await CommandRunner.send(
                "POST", "\(url)/v1/advisories/import", token: tokens.coordinator,
                json: #"{"id": "\#(id)", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "load-\#(n)"}, "versions": ["1.0"]}]}"#
            )
            guard reply?.status == 200 else { return }
            acknowledged.withLock { $0.append(.advisory(id: id)) }
        default:
            let reply = await CommandRunner.send(
                "POST", "\(url)/v1/organizations", token: tokens.coordinator,
                json: #"{"name": "Load operator \#(n)", "kind": "operator", "sector": "water"}"#)
            guard reply?.status == 201, let id = Self.object(reply)?["id"] as? String else { return }
            acknowledged.withLock { $0.append(.organization(id: id)) }
        }
    }

    static func object(_ reply: (status: Int, body: String)?) -> [String: Any]? {
        guard let reply else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8))) as? [String: Any]
    }

    /// A CycloneDX SBOM of 20 components.
    static func sbom(_ n: Int) -> String {
        let components = (0..<20).map { index in
            #"{"bom-ref": "c\#(index)", "name": "load-dep-\#(index)", "version": "1.\#(n % 7)", "purl": "pkg:pypi/load-dep-\#(index)@1.\#(n % 7)"}"#
        }
        return #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [\#(components.joined(separator: ","))]}"#
    }
}
