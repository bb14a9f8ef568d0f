import ClearinghouseStore
import ClearinghouseTestSupport
import Foundation
import HTTPTypes
import Testing

/// Mutated requests to every mutating route get a 4xx problem or a success, never a 500, and nothing is written
/// by a request that was refused.
@Suite struct HTTPFuzzTests {
    @Test func mutatedRequestsNeverFailTheServer() async throws {
        try await TestAPI.run(.sqlite, configure: { $0.maximumBodySize = 2_048 }) { api in
            let coordinator = api.coordinator.id.rawValue
            let samples: [(HTTPRequest.Method, String, String)] = [
                (
                    .post, "/v1/organizations",
                    #"{"name":"Valley Water","kind":"operator","sector":"water","contacts":[{"name":"Ann","email":"ann@valley.example"}]}"#
                ),
                (
                    .post, "/v1/organizations/\(coordinator)/tokens",
                    #"{"role":"reader","name":"ci","expires_at":"2027-02-01T00:00:00Z"}"#
                ),
                (.post, "/v1/organizations/\(coordinator)/verify", #"{"note":"checked"}"#),
                (.get, "/v1/audit?actor=\(coordinator)&since=2027-01-01T00:00:00Z&limit=5", ""),
                (.get, "/v1/organizations?limit=2", ""),
                (.get, "/v1/log/entries?start=0&end=1", ""),
                (.get, "/v1/log/proof/inclusion?index=0&tree_size=1", ""),
                (.get, "/v1/log/proof/consistency?first=1&second=1", ""),
                (.get, "/v1/log/entries/0/reveal", ""),
                (.get, "/tile/entries/000.p/1", ""),
                (.get, "/tile/0/000.p/1", ""),
                (
                    .post, "/v1/advisories/import",
                    #"[{"id":"PYSEC-0001-1","modified":"2024-01-01T00:00:00Z","aliases":["CVE-1"],"affected":[{"package":{"ecosystem":"PyPI","name":"demo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]}],"versions":["1.0"]}]}]"#
                ),
                (.post, "/v1/query", #"{"package":{"name":"demo","ecosystem":"PyPI"},"version":"1.5"}"#),
                (.post, "/v1/querybatch", #"{"queries":[{"package":{"purl":"pkg:pypi/demo@1.0"}},{"commit":"abc"}]}"#),
                (.get, "/v1/vulns/PYSEC-0001-1", ""),
                (
                    .post, "/v1/sboms?asset=Portal",
                    #"{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"bom-ref":"d","name":"demo","version":"1.0","purl":"pkg:pypi/demo@1.0"}]}"#
                ),
                (
                    .post, "/v1/vex",
                    #"{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"CVE-1"},"products":[{"@id":"pkg:pypi/demo"}],"status":"not_affected"}]}"#
                ),
                (.get, "/v1/exposure", ""),
                (.get, "/v1/advisories/PYSEC-0001-1/exposure", ""),
                (.get, "/v1/sboms?limit=2", ""),
                (
                    .post, "/v1/findings?model=acme-1",
                    #"{"title":"Overflow in parse","target":{"purl":"pkg:pypi/demo@1.0"},"cwe":["CWE-787"],"locations":[{"path":"a.c","start_line":3,"function":"parse"}],"stacks":[["parse a.c:3"]]}"#
                ),
                (
                    .post, "/v1/findings?repository=https://git.example/app",
                    #"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"lint","rules":[{"id":"R1"}]}},"results":[{"ruleIndex":0,"message":{"text":"bad {0}","arguments":["x"]},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/a.js"},"region":{"startLine":2}}}],"partialFingerprints":{"h":"1"}}]}]}"#
                ),
                (
                    .post, "/v1/findings",
                    #"{"id":"GHSA-aaaa-bbbb-cccc","modified":"2026-01-01T00:00:00Z","aliases":["CVE-2026-1"],"summary":"Bug","affected":[{"package":{"ecosystem":"PyPI","name":"demo"},"versions":["1.0"]}]}"#
                ),
                (.get, "/v1/cases?limit=2", ""),
                (.get, "/v1/findings?limit=2", ""),
                (.post, "/v1/artifacts", "crash input"),
                (
                    .post, "/v1/kev/import",
                    #"{"catalogVersion":"1","dateReleased":"2025-01-01T00:00:00Z","count":1,"vulnerabilities":[{"cveID":"CVE-2024-0001","vendorProject":"v","product":"p","vulnerabilityName":"n","dateAdded":"2024-01-02","shortDescription":"d","requiredAction":"a","dueDate":"2024-01-23","knownRansomwareCampaignUse":"Known"}]}"#
                ),
                (
                    .post, "/v1/ssvc-decisions",
                    #"{"advisory_id":"PYSEC-0001-1","table":"cisa-coordinator","inputs":{"E":"A","A":"Y","TI":"T","MWI":"H"}}"#
                ),
                (.get, "/v1/priorities?kind=advisory&tier=act&limit=2", ""),
                (.get, "/v1/ssvc-decisions?advisory_id=PYSEC-0001-1", ""),
                (.put, "/v1/organizations/\(coordinator)/products", #"{"products":[{"type":"maven","namespace":"com.acme"},{"type":"npm","namespace":"@acme","name":"widget"}]}"#),
                (.get, "/v1/organizations/\(coordinator)/products", ""),
            ]
            try await api.signCheckpoint()
            var mutator = InputMutator(seed: 6)
            var statuses: [Int: Int] = [:]
            for index in 0..<1_500 {
                let (method, path, body) = samples[index % samples.count]
                let organizations = try await api.organizationCount()
                let events = try await api.auditEvents().count
                let reply: TestAPI.Reply
                if method == .get {
                    var mutated = String(decoding: mutator.mutate(Array(path.utf8)), as: UTF8.self)
                    if !mutated.hasPrefix("/") { mutated = "/" + mutated }
                    guard let encoded = mutated.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) else {
                        continue
                    }
                    reply = try await api.send(.get, encoded, token: api.coordinatorToken)
                } else {
                    let mutated = String(decoding: mutator.mutate(Array(body.utf8)), as: UTF8.self)
                    reply = try await api.send(method, path, token: api.coordinatorToken, json: mutated)
                }
                statuses[Int(reply.status.code), default: 0] += 1
                #expect(reply.status.code < 500, "\(method) \(path): \(reply.text)")
                if reply.status.code >= 400 {
                    #expect(reply.headers[.contentType] == "application/problem+json")
                    #expect(try await api.organizationCount() == organizations)
                    #expect(try await api.auditEvents().count == events)
                }
            }
            #expect(statuses[400, default: 0] > 0)
            #expect(statuses.keys.contains { $0 < 300 })
        }
    }
}
