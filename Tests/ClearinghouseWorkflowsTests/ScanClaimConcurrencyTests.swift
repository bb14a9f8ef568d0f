import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import ClearinghouseWorkflows
import Foundation
import Testing

/// Overlapping claims made at the same moment never both succeed, on both engines: each round, eight participants
/// claim scopes that overlap pairwise at once (across the buckets leases are filed in) and exactly one is granted;
/// claims that do not overlap are all granted.
@Suite struct ScanClaimConcurrencyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: Dialect.allCases)
    func overlappingClaimsAtOnceGrantOne(_ dialect: Dialect) async throws {
        try await Store.withTestStore(dialect) { store in
            let clock = TestClock()
            let dependencies = Dependencies.test(clock: clock)
            let organizations = (0..<8).map { index in
                Organization(
                    id: dependencies.makeID(), name: "Scanner \(index)", kind: .researcher, sector: nil, contacts: [],
                    verification: .pending, createdAt: Self.now)
            }
            try await store.write(Self.event(dependencies)) { repositories in
                for organization in organizations { try await repositories.organizations.insert(organization) }
            }
            let rounds: [(String, [ScanScope.Request])] = [
                ("one package, overlapping ranges", (0..<8).map { index in
                    .init(kind: "pkg", purl: "pkg:npm/left-pad", range: "vers:npm/>=1.\(index).0|<3.0.0")
                }),
                ("networks each inside the one before", [8, 12, 16, 20, 24, 28, 30, 32].map { length in
                    .init(kind: "net", cidr: "10.0.0.0/\(length)")
                }),
                ("wildcards each under the one before, and a name under them all",
                    ["*.example", "*.a.example", "*.b.a.example", "*.c.b.a.example"].map { .init(kind: "net", host: $0) }
                    + Array(repeating: .init(kind: "net", host: "h.c.b.a.example"), count: 4)),
                ("one repository at different refs", (0..<8).map { index in
                    .init(kind: "repo", url: "https://git.example/acme/app", ref: "branch-\(index)")
                }),
            ]
            for (name, requests) in rounds {
                let granted = try await Self.claimAtOnce(requests, by: organizations, in: store, dependencies)
                #expect(granted == 1, "\(name): \(granted) granted on \(dialect)")
            }
            let apart = try await Self.claimAtOnce(
                (0..<8).map { .init(kind: "net", cidr: "192.168.\($0).0/24") }, by: organizations, in: store,
                dependencies)
            #expect(apart == 8, "claims that do not overlap: \(apart) granted on \(dialect)")
        }
    }

    /// Each participant claims its scope at the same moment; how many were granted.
    static func claimAtOnce(
        _ requests: [ScanScope.Request], by organizations: [Organization], in store: Store, _ dependencies: Dependencies
    ) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for (request, organization) in zip(requests, organizations) {
                group.addTask {
                    let claim = try ScanClaim(
                        scope: try ScanScope(request), technique: .network, agent: ScanProvenance(tool: "probe"),
                        startsAt: now, durationSeconds: 3_600, allowsOverlap: false, now: now, policy: ScanPolicy())
                    let (decision, _) = try await store.write(event(dependencies)) { repositories in
                        try await ScanClaimDecision.decide(
                            claim, by: organization.id, leaseID: dependencies.makeID(), now: now,
                            policy: ScanPolicy(), in: repositories)
                    }
                    return decision == .granted
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    static func event(_ dependencies: Dependencies) -> AuditEvent {
        AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: AuditActor(organizationID: nil, tokenID: nil, channel: .api),
            action: AuditAction(rawValue: "scan.claim"), target: nil, requestID: nil, outcome: .success)
    }
}
