import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Logging
import PackageURL
import Versions

/// `scan-claims`: claims per second through the claim workflow (authorize, count the organization's leases, lock
/// the buckets, read the leases there, decide, store the lease and its audit event, one durable transaction each)
/// against a database holding 100,000 live leases of other participants.
struct ScanClaimBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan-claims",
        abstract: "Claim scan leases against N live leases in a new SQLite database (see scripts/bench-scans).")

    @Option(help: "The SQLite database file to create.") var database: String
    @Option(help: "Live leases of other participants before the claims.") var leases: Int = 100_000
    @Option(help: "Claims to make, one transaction each.") var claims: Int = 5_000

    /// Packages the leases spread over: five leases on disjoint ranges of each.
    var packages: Int { max(1, leases / 5) }

    func run() async throws {
        let dependencies = IntakeBenchmark.dependencies()
        let logger = Logger(label: "bench")
        let store = try await Store.open(.sqlite(path: database), logger: logger)
        _ = try await store.migrate(now: Date())
        let bootstrap = try Bootstrap(name: "Bench Coordination", tokenLifetimeDays: 30, dependencies: dependencies)
        try await store.bootstrap(bootstrap)
        let holder = Organization.ID(UUID().uuidString.lowercased())!
        try await preload(store: store, holder: holder, dependencies: dependencies)

        let workflows = Workflows(
            commits: CommitPath(store: store, dependencies: dependencies, catalogs: nil, logger: logger),
            settings: WorkflowSettings())
        // Claimants take turns, each holding at most the policy's 1,000 leases in force.
        let claimants = try await claimantOrganizations(
            count: (claims + 999) / 1_000, store: store, bootstrap: bootstrap, dependencies: dependencies)
        let scans = ScanWorkflows(workflows)
        let clock = ContinuousClock()
        let start = clock.now
        var granted = 0
        for number in 0..<claims {
            // Each claim overlaps nothing (versions 5 and up of a package whose leases hold 0 to 5), so that the
            // claim is decided against its bucket's five leases and stored.
            let package = try PackageURL(type: "npm", namespace: nil, name: "bench-\(number % packages)")
            let range = try VersionRange(
                normalizing: "vers:npm/>=\(5 + number / packages).0.0|<\(6 + number / packages).0.0")
            let claim = try scans.checkedClaim(
                scope: .package(package, range), technique: .fuzzing, agent: ScanProvenance(tool: "bench"),
                startsAt: nil, durationSeconds: 3_600, allowsOverlap: false)
            if case .granted = try await scans.claim(claim, by: claimants[number % claimants.count]) { granted += 1 }
        }
        let elapsed = seconds(clock.now - start)
        await store.close()
        try printJSON([
            "live_leases": leases, "claims": claims, "granted": granted, "seconds": elapsed,
            "claims_per_second": Double(claims) / elapsed, "rss_bytes": residentMemory(),
        ])
    }

    /// Verified researcher organizations, each claiming through an analyst token of its own.
    private func claimantOrganizations(
        count: Int, store: Store, bootstrap: Bootstrap, dependencies: Dependencies
    ) async throws -> [Requester] {
        var requesters: [Requester] = []
        for number in 0..<count {
            var organization = try OrganizationRegistration(
                name: "Bench Claimant \(number)", kind: "researcher", sector: nil, contacts: []
            ).validated(id: dependencies.makeID(), now: Date())
            organization.verification = .verified(at: Date(), by: bootstrap.organization.id)
            let token = try TokenRequest(role: "analyst", name: nil, expiresAt: nil)
                .issue(for: organization.id, createdBy: nil, dependencies: dependencies).token
            let event = AuditEvent(
                id: dependencies.makeID(), occurredAt: Date(), actor: .scheduler, action: .organizationCreate,
                target: nil, requestID: nil, outcome: .success)
            let stored = organization
            try await store.write(event) { repositories in
                try await repositories.organizations.insert(stored)
                try await repositories.tokens.insert(token)
            }
            requesters.append(.api(.member(Member(organization: organization, token: token)), requestID: nil))
        }
        return requesters
    }

    /// Another participant's leases: five on disjoint ranges of each package, stored in batches.
    private func preload(store: Store, holder: Organization.ID, dependencies: Dependencies) async throws {
        let now = Date()
        let organization = try OrganizationRegistration(
            name: "Bench Scanners", kind: "researcher", sector: nil, contacts: []
        ).validated(id: holder, now: now)
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .organizationCreate,
            target: nil, requestID: nil, outcome: .success)
        try await store.write(event) { try await $0.organizations.insert(organization) }
        for batch in stride(from: 0, to: leases, by: 10_000) {
            let event = AuditEvent(
                id: dependencies.makeID(), occurredAt: now, actor: .scheduler, action: .scanClaim, target: nil,
                requestID: nil, outcome: .success, detail: "bench preload")
            try await store.write(event) { repositories in
                for number in batch..<min(batch + 10_000, leases) {
                    let package = try PackageURL(type: "npm", namespace: nil, name: "bench-\(number / 5)")
                    let range = try VersionRange(normalizing: "vers:npm/>=\(number % 5).0.0|<\(number % 5 + 1).0.0")
                    let claim = ScanClaim(
                        stored: .package(package, range), technique: .fuzzing, agent: ScanProvenance(tool: "bench"),
                        startsAt: now, endsAt: now.addingTimeInterval(86_400), allowsOverlap: false)
                    try await repositories.scanLeases.insert(
                        ScanLease(
                            id: dependencies.makeID(), holder: holder, claim: claim, heartbeatAt: now, createdAt: now))
                }
            }
            FileHandle.standardError.write(Data("preloaded \(min(batch + 10_000, leases)) leases\n".utf8))
        }
    }
}
