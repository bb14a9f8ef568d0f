public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// How a claim ended.
public enum ScanClaimOutcome: Sendable {
    case granted(ScanLease)
    /// Other participants' leases stand in the way.
    case conflict([ScanConflict])
    /// The same scope was scanned to completion with the same technique within the cool-down.
    case recentlyScanned(CompletedScan, until: Date)
}

/// A lease that stands in a claim's way, with its holder when the access policy lets the claimant know it.
public struct ScanConflict: Sendable {
    public let lease: HeldLease
    /// `nil` when the claimant may not learn who holds the lease: it is "another participant".
    public let holder: Organization?
}

/// Claims on scan scopes and what holders do with their leases: heartbeats, extensions, releases, completions.
/// Every change is audited; claims and extensions are decided under the locks of ``ScanClaimDecision``.
public struct ScanWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    private var policy: ScanPolicy { workflows.settings.scanPolicy }

    /// Checks a claim as a request gives it, against this instance's policy and clock.
    public func checkedClaim(
        scope: ScanScope, technique: ScanTechnique, agent: ScanProvenance, startsAt: Date?, durationSeconds: Int,
        allowsOverlap: Bool
    ) throws(ClearinghouseError) -> ScanClaim {
        try ScanClaim(
            scope: scope, technique: technique, agent: agent, startsAt: startsAt, durationSeconds: durationSeconds,
            allowsOverlap: allowsOverlap, now: workflows.dependencies.now(), policy: policy)
    }

    /// Claims a lease.
    ///
    /// - Throws: `forbidden` for `net` scopes that no grant authorizes, or an AI agent's claim on a package whose
    ///   maintainers keep AI agents from it, saying why (recorded as a denied attempt); `quota_exceeded` when the
    ///   organization already holds the policy's maximum of leases in force.
    public func claim(_ claim: ScanClaim, by requester: Requester) async throws -> ScanClaimOutcome {
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(.claimScan, auditing: .scanClaim, target: nil, by: requester)
        let dependencies = workflows.dependencies
        let policy = policy
        let id: ScanLease.ID = dependencies.makeID()
        let now = dependencies.now()
        let event = requester.event(
            .scanClaim, target: .scanLease(id), detail: "\(claim.technique.rawValue) on \(claim.scope)",
            dependencies: dependencies)
        do {
            let lease = try await workflows.commits.commit(event) { repositories in
                let held = try await repositories.scanLeases.countInForce(
                    of: member.organizationID, at: now, upTo: policy.maximumLeasesPerOrganization)
                guard held < policy.maximumLeasesPerOrganization else {
                    throw ClearinghouseError(
                        .quotaExceeded,
                        "Your organization holds \(held) leases in force, the most this instance allows; release or complete some first.")
                }
                let grant = try await Self.authorizingGrant(for: claim, by: member.organizationID, in: repositories)
                let (decision, lease) = try await ScanClaimDecision.decide(
                    claim, by: member.organizationID, leaseID: id, grant: grant, now: now, policy: policy,
                    in: repositories)
                guard let lease else { throw Refused(decision: decision) }
                return Recorded(lease)
            }
            return .granted(lease)
        } catch let unauthorized as Unauthorized {
            try await workflows.store.record(
                requester.event(
                    .scanClaim, target: nil, outcome: .denied, detail: "\(claim.scope): \(unauthorized.missing)",
                    dependencies: dependencies))
            throw ClearinghouseError(.forbidden, unauthorized.missing, field: unauthorized.field)
        } catch let refused as Refused {
            switch refused.decision {
            case .conflict(let leases):
                return .conflict(try await named(leases, for: requester))
            case .recentlyScanned(let scan, let until):
                return .recentlyScanned(scan, until: until)
            case .granted:
                preconditionFailure("a granted claim is not refused")
            }
        }
    }

    /// The grant a `net` claim rests on (`nil` for other kinds, which need none), after checking that a package's
    /// maintainers welcome the claim's technique.
    ///
    /// - Throws: ``Unauthorized`` saying what is missing.
    private static func authorizingGrant(
        for claim: ScanClaim, by claimant: Organization.ID, in repositories: Repositories
    ) async throws -> ScanGrant.ID? {
        // Maintainers' preferences keep out AI agents only, so other techniques need not read them.
        if claim.technique == .aiAgent, case .package(let purl, _) = claim.scope {
            let maintainers = try await repositories.scanPreferences.maintainers(of: [purl])
            if let reason = MaintainerPreferences.refusal(of: claim, by: maintainers) {
                throw Unauthorized(missing: reason, field: "technique")
            }
        }
        guard claim.scope.kind == .net else { return nil }
        let grants = try await repositories.scanGrants.inForce(to: claimant, endingAfter: claim.startsAt)
        let assets = try await repositories.scanAssets.verified(of: Set(grants.map(\.granter)))
        guard let grant = ScanAuthorization.grant(for: claim, by: claimant, among: grants, assets: assets) else {
            throw Unauthorized(
                missing: ScanAuthorization.missing(for: claim, by: claimant, among: grants, assets: assets),
                field: "scope")
        }
        return grant.id
    }

    /// A lease, when the requester may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func lease(_ id: ScanLease.ID, by requester: Requester) async throws -> ScanLease {
        let lease = try await workflows.store.read { try await $0.scanLeases.find(id) }
        guard let lease, workflows.gate.mayRead(lease.visibility, by: requester) else {
            throw ClearinghouseError.notFound("scan lease")
        }
        return lease
    }

    /// The requester's organization's leases, newest first, optionally in one state.
    public func leases(in state: ScanLease.State?, _ page: PageRequest, by requester: Requester) async throws
        -> Page<ScanLease>
    {
        let member = try requester.member()
        let store = workflows.store
        return try await VisiblePageCollector<ScanLease>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { before, limit in
            try await store.read {
                try await $0.scanLeases.leases(of: member.organizationID, state: state, before: before, limit: limit)
            }
        }
    }

    /// The most leases a coverage map reads.
    public static let coverageLimit = 5_000

    /// What was scanned of a scope since a time, as the requester may know it: for `pkg` and `repo` scopes every
    /// participant's leases, naming only the holders the access policy lets it know (the others are counted); for
    /// `net` scopes only its own leases, or every lease inside a verified asset it owns (naming the holders: the
    /// owner granted them).
    ///
    /// - Returns: the coverage, and the organizations it names.
    public func coverage(of scope: ScanScope, since: Date, by requester: Requester) async throws
        -> (coverage: ScanCoverage, organizations: [Organization.ID: Organization])
    {
        let member = try requester.member()
        let buckets = ScanBuckets(scope)
        let (leases, owned) = try await workflows.store.read { repositories in
            (
                try await repositories.scanLeases.recent(near: buckets, since: since, limit: Self.coverageLimit),
                scope.kind == .net ? try await repositories.scanAssets.verified(of: [member.organizationID]) : []
            )
        }
        let gate = workflows.gate
        let ownsAsset = { (lease: ScanLease) in owned.contains { $0.scope.contains(lease.claim.scope) } }
        let known = { (lease: ScanLease) in gate.mayRead(lease.visibility, by: requester) || ownsAsset(lease) }
        let coverage = ScanCoverage(
            of: scope, from: scope.kind == .net ? leases.filter(known) : leases, namesHolder: known)
        let named = Set(coverage.entries.flatMap(\.holders))
        let organizations = try await workflows.store.read { try await $0.organizations.find(named) }
        return (coverage, organizations)
    }

    /// Records that the holder is still at work.
    public func heartbeat(_ found: ScanLease, by requester: Requester) async throws -> ScanLease {
        try await change(found, auditing: .scanHeartbeat, by: requester) { lease, now, _ in
            try lease.beating(at: now)
        }
    }

    /// Lengthens a lease's window by `seconds`, unless another participant's lease stands in the added time.
    public func extend(_ found: ScanLease, bySeconds seconds: Int, by requester: Requester) async throws
        -> ScanClaimOutcome
    {
        let policy = policy
        do {
            let lease = try await change(found, auditing: .scanExtend, by: requester) { lease, now, repositories in
                let extended = try lease.extended(bySeconds: seconds, at: now, policy: policy)
                let added = ScanClaim(
                    stored: lease.claim.scope, technique: lease.claim.technique, agent: lease.claim.agent,
                    startsAt: lease.claim.endsAt, endsAt: extended.claim.endsAt,
                    allowsOverlap: lease.claim.allowsOverlap)
                let buckets = ScanBuckets(added.scope)
                try await repositories.scanLeases.lock(buckets)
                let live = try await repositories.scanLeases.active(near: buckets, endingAfter: added.startsAt)
                let conflicts = ScanDeconfliction.conflicts(of: added, by: lease.holder, among: live.map(\.held))
                guard conflicts.isEmpty else { throw Refused(decision: .conflict(conflicts)) }
                return extended
            }
            return .granted(lease)
        } catch let refused as Refused {
            guard case .conflict(let leases) = refused.decision else { throw refused }
            return .conflict(try await named(leases, for: requester))
        }
    }

    /// Ends a lease: the scope is free again and counts as not scanned.
    public func release(_ found: ScanLease, by requester: Requester) async throws -> ScanLease {
        try await change(found, auditing: .scanRelease, by: requester) { lease, now, _ in
            try lease.ended(.released, at: now)
        }
    }

    /// Ends a lease as scanned, with what the scan found: the scope counts as scanned for the cool-down.
    public func complete(_ found: ScanLease, summary: ScanSummary, by requester: Requester) async throws
        -> ScanLease
    {
        try await change(found, auditing: .scanComplete, by: requester) { lease, now, _ in
            try lease.ended(.completed, summary: summary, at: now)
        }
    }

    /// Applies a holder's change to a lease the requester may see (as ``lease(_:by:)`` found it) inside one
    /// transaction, reading the lease again there so that two changes at once (a heartbeat and a release) apply one
    /// after the other.
    private func change(
        _ found: ScanLease, auditing action: AuditAction, by requester: Requester,
        _ apply: @escaping @Sendable (ScanLease, Date, Repositories) async throws -> ScanLease
    ) async throws -> ScanLease {
        let id = found.id
        try await workflows.gate.authorizeMutation(
            .holdLease(of: found.holder), auditing: action, target: .scanLease(id), by: requester)
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let event = requester.event(action, target: .scanLease(id), dependencies: dependencies)
        return try await workflows.commits.commit(event) { repositories in
            guard let current = try await repositories.scanLeases.find(id) else {
                throw ClearinghouseError.notFound("scan lease")
            }
            let changed = try await apply(current, now, repositories)
            try await repositories.scanLeases.update(changed)
            return Recorded(changed)
        }
    }

    /// The conflicting leases with their holders, where the access policy lets the requester know them.
    private func named(_ leases: [HeldLease], for requester: Requester) async throws -> [ScanConflict] {
        let known = Set(leases.map(\.holder).filter { holder in
            workflows.gate.mayRead(Visibility(label: .amber, owner: holder), by: requester)
        })
        let holders = try await workflows.store.read { try await $0.organizations.find(known) }
        return leases.map { ScanConflict(lease: $0, holder: holders[$0.holder]) }
    }

    /// Carries a refusal out of a transaction, so that nothing of the refused claim is written.
    private struct Refused: Error {
        let decision: ClaimDecision
    }

    /// Carries a claim that no grant authorizes, or that its maintainers' preferences keep out, out of its
    /// transaction.
    private struct Unauthorized: Error {
        let missing: String
        let field: String
    }
}
