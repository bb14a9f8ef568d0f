import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import ClearinghouseWorkflows
import Foundation
import HTTPTypes
import Synchronization
import Testing

/// What is stored is served the same after a restart, and by every node of one database within the documented
/// lag.
@Suite struct RestartAndNodesTests {
    /// What a seeded database holds, for the reads that compare nodes.
    struct Seeded: Sendable {
        let hospital: String
        let hospitalToken: String
        let sbom: String
        let caseID: String
    }

    /// Stores one of everything through a node: organizations and tokens, advisories, an SBOM, a VEX document, a
    /// finding and its case, an SSVC decision, a KEV catalog, and a signed checkpoint over the log.
    static func seed(_ api: TestAPI) async throws -> Seeded {
        let imported = try await api.send(
            .post, "/v1/advisories/import", token: api.coordinatorToken, json: ExposureAPITests.advisories)
        #expect(imported["imported"] as? Int == 3, "\(imported.text)")
        let hospital = try await api.createOrganization(
            name: "Valley General Hospital", kind: "operator", sector: "healthcare")
        let hospitalToken = try await api.mintToken(for: hospital, role: "analyst").token
        let researcher = try await api.createOrganization(name: "Acme Research", kind: "researcher")
        let researcherToken = try await api.mintToken(for: researcher, role: "analyst").token
        let sbom = try await api.send(
            .post, "/v1/sboms?asset=Patient%20portal&internet_facing=true", token: hospitalToken,
            json: ExposureAPITests.portal)
        #expect(sbom.status == .created, "\(sbom.text)")
        let vex = try await api.send(
            .post, "/v1/vex", token: hospitalToken,
            json: """
                {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2024-0002"},
                 "products": [{"@id": "pkg:npm/left-pad@1.2.0"}], "status": "not_affected",
                 "justification": "vulnerable_code_not_in_execute_path"}]}
                """)
        #expect(vex.status == .created, "\(vex.text)")
        let finding = try await api.send(
            .post, "/v1/findings", token: researcherToken, json: PrioritiesAPITests.finding)
        #expect(finding.status == .created, "\(finding.text)")
        let caseID = try #require(((finding["findings"] as? [[String: Any]])?.first)?["case_id"] as? String)
        let decision = try await api.send(
            .post, "/v1/ssvc-decisions", token: api.coordinatorToken,
            json: """
                {"case_id": "\(caseID)", "table": "cisa-coordinator", "rationale": "exploited in the wild",
                 "inputs": {"Exploitation": "active", "Automatable": "yes", "Technical Impact": "total",
                            "Mission and Well-Being Impact": "high"}}
                """)
        #expect(decision.status == .created, "\(decision.text)")
        let kev = try await api.send(.post, "/v1/kev/import", token: api.coordinatorToken, json: PrioritiesAPITests.kev)
        #expect(kev.status == .ok || kev.status == .created, "\(kev.text)")
        try await api.signCheckpoint()
        return Seeded(
            hospital: hospital, hospitalToken: hospitalToken, sbom: try #require(sbom["id"] as? String),
            caseID: caseID)
    }

    /// Every read of what `seed` stored, as the coordinator and as the hospital: `status body` by request.
    static func reads(_ api: TestAPI, _ seeded: Seeded) async throws -> [String: String] {
        let coordinator = api.coordinatorToken
        let hospital = seeded.hospitalToken
        let gets: [(String, String)] = [
            ("/v1/me", hospital),
            ("/v1/organizations", coordinator),
            ("/v1/organizations/\(seeded.hospital)", hospital),
            ("/v1/organizations/\(seeded.hospital)/tokens", coordinator),
            ("/v1/vulns/PYSEC-2024-1", coordinator),
            ("/v1/sboms", hospital),
            ("/v1/sboms", coordinator),
            ("/v1/sboms/\(seeded.sbom)", hospital),
            ("/v1/vex", hospital),
            ("/v1/exposure", hospital),
            ("/v1/advisories/GHSA-aaaa-bbbb-cccc/exposure", coordinator),
            ("/v1/findings", coordinator),
            ("/v1/cases", coordinator),
            ("/v1/cases/\(seeded.caseID)", coordinator),
            ("/v1/cases/\(seeded.caseID)/findings", coordinator),
            ("/v1/ssvc-decisions?case_id=\(seeded.caseID)", coordinator),
            ("/v1/priorities", coordinator),
            ("/v1/priorities", hospital),
            ("/v1/threat-feeds", hospital),
            ("/v1/log/checkpoint", coordinator),
            ("/v1/log/entries?start=0&end=4", coordinator),
            ("/v1/audit?limit=200", coordinator),
        ]
        var answers: [String: String] = [:]
        for (path, token) in gets {
            let reply = try await api.send(.get, path, token: token)
            answers["GET \(path) as \(token == coordinator ? "coordinator" : "hospital")"] =
                "\(reply.status.code) \(reply.text)"
        }
        let query = try await api.send(.post, "/v1/query", json: #"{"package": {"purl": "pkg:pypi/demo@1.5"}}"#)
        answers["POST /v1/query"] = "\(query.status.code) \(query.text)"
        return answers
    }

    @Test(arguments: engines)
    func everythingStoredIsServedIdenticallyAfterARestart(engine: Dialect) async throws {
        try await TestDatabase.with(engine) { database in
            let clock = TestClock()
            let (bootstrapped, seeded, before) = try await TestAPI.node(on: database, clock: clock) { api in
                let seeded = try await Self.seed(api)
                return (api.bootstrapped, seeded, try await Self.reads(api, seeded))
            }
            // The catalogs had something to lose: the hospital saw its SBOM and its exposure.
            #expect(before["GET /v1/sboms as hospital"]?.contains(seeded.sbom) == true)
            #expect(before["GET /v1/exposure as hospital"]?.contains("PYSEC-2024-1") == true)

            try await TestAPI.node(on: database, clock: clock, seed: 43, bootstrapped: bootstrapped) { api in
                let after = try await Self.reads(api, seeded)
                #expect(after.count == before.count)
                for (request, answer) in before.sorted(by: { $0.key < $1.key }) {
                    #expect(after[request] == answer, "\(request) changed after the restart")
                }
                // The SBOM can still be replaced and deleted.
                let replaced = try await api.send(
                    .put, "/v1/sboms/\(seeded.sbom)", token: seeded.hospitalToken, json: ExposureAPITests.portal)
                #expect(replaced.status == .ok, "\(replaced.text)")
                let deleted = try await api.send(.delete, "/v1/sboms/\(seeded.sbom)", token: seeded.hospitalToken)
                #expect(deleted.status == .noContent, "\(deleted.text)")
            }
        }
    }

    /// Waits, checking every 50 ms, until `condition` holds; fails the test when it still does not after `limit`.
    static func eventually(
        within limit: Duration, _ what: String, _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + limit
        while true {
            if try await condition() { return }
            guard ContinuousClock.now < deadline else {
                Issue.record("\(what): not served within \(limit)")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test(arguments: engines)
    func writesThroughOneNodeAreServedByTheOtherWithinTheLag(engine: Dialect) async throws {
        try await TestDatabase.with(engine) { database in
            let clock = TestClock()
            try await TestAPI.node(on: database, clock: clock, seed: 1) { a in
                let hospital = try await a.createOrganization(
                    name: "Valley General Hospital", kind: "operator", sector: "healthcare")
                let (hospitalToken, hospitalTokenID) = try await a.mintToken(for: hospital, role: "admin")
                try await TestAPI.node(on: database, clock: clock, seed: 2, bootstrapped: a.bootstrapped) { b in
                    // The lag the configuration documents: one follower interval, and a read of what changed.
                    let lag = TestAPI.configuration.catalogFollowInterval * 4
                    #expect(try await b.send(.get, "/v1/me", token: hospitalToken).status == .ok)

                    let sbom = try await a.send(
                        .post, "/v1/sboms?asset=Portal", token: hospitalToken, json: ExposureAPITests.portal)
                    let sbomID = try #require(sbom["id"] as? String)
                    try await Self.eventually(within: lag, "an SBOM stored through node A") {
                        try await b.send(.get, "/v1/sboms/\(sbomID)", token: hospitalToken).status == .ok
                    }

                    let vex = try await a.send(
                        .post, "/v1/vex", token: hospitalToken,
                        json: """
                            {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-2024-0002"},
                             "products": [{"@id": "pkg:npm/left-pad@1.2.0"}], "status": "not_affected",
                             "justification": "vulnerable_code_not_in_execute_path"}]}
                            """)
                    let vexID = try #require(vex["id"] as? String)
                    try await Self.eventually(within: lag, "a VEX document stored through node A") {
                        try await b.send(.get, "/v1/vex", token: hospitalToken).text.contains(vexID)
                    }

                    let imported = try await a.send(
                        .post, "/v1/advisories/import", token: a.coordinatorToken, json: ExposureAPITests.advisories)
                    #expect(imported["imported"] as? Int == 3)
                    try await Self.eventually(within: lag, "advisories imported through node A") {
                        let exposure = try await b.send(.get, "/v1/exposure", token: hospitalToken)
                        return exposure.text.contains("PYSEC-2024-1") && exposure.text.contains("\"suppressed\":true")
                    }

                    let deleted = try await a.send(.delete, "/v1/sboms/\(sbomID)", token: hospitalToken)
                    #expect(deleted.status == .noContent)
                    try await Self.eventually(within: lag, "an SBOM deleted through node A") {
                        try await b.send(.get, "/v1/sboms/\(sbomID)", token: hospitalToken).status == .notFound
                    }

                    // A token revoked through A is refused by B once B's token cache entry (one second) lapses.
                    let revoked = try await a.send(.delete, "/v1/tokens/\(hospitalTokenID)", token: a.coordinatorToken)
                    #expect(revoked.status == .noContent)
                    clock.advance(by: 1.001)
                    #expect(try await b.send(.get, "/v1/me", token: hospitalToken).status == .unauthorized)
                }
            }
        }
    }

    @Test(arguments: engines)
    func aJobDueOnceRunsOnceWithTwoNodesUp(engine: Dialect) async throws {
        let runs = Runs()
        try await TestDatabase.with(engine) { database in
            let clock = TestClock()
            var first = TestAPI.configuration
            first.nodeName = "node-a"
            var second = TestAPI.configuration
            second.nodeName = "node-b"
            let (a, b) = (first, second)
            try await TestAPI.node(on: database, configuration: a, clock: clock, seed: 1, jobs: [runs.job("node-a")]) { a in
                try await TestAPI.node(
                    on: database, configuration: b, clock: clock, seed: 2, bootstrapped: a.bootstrapped,
                    jobs: [runs.job("node-b")]
                ) { b in
                    // Both schedulers tick every second, once their catalogs have loaded (slow on a busy machine):
                    // wait for the run, then give each scheduler several more chances to run it again.
                    try await Self.eventually(within: .seconds(30), "the job's first run") {
                        try await !b.store.read { try await $0.jobs.runs(of: "test.once", limit: 10) }.isEmpty
                    }
                    try await Task.sleep(for: .seconds(3))
                    let recorded = try await b.store.read { try await $0.jobs.runs(of: "test.once", limit: 10) }
                    #expect(recorded.count == 1)
                    #expect(recorded.first?.outcome == .succeeded)
                    #expect(runs.nodes.count == 1)
                    #expect(recorded.first.map { "ran on \($0.node)" } == recorded.first?.detail)
                }
            }
        }
    }

    /// Which nodes ran the test job.
    final class Runs: Sendable {
        private let ran = Mutex<[String]>([])
        var nodes: [String] { ran.withLock { $0 } }

        func job(_ node: String) -> ScheduledJob {
            ScheduledJob(name: "test.once", every: .seconds(3_600)) { _ in
                self.ran.withLock { $0.append(node) }
                return "ran on \(node)"
            }
        }
    }
}
