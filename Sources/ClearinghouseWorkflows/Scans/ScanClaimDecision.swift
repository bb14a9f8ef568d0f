public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation

/// A claim decided inside one write transaction: the buckets its scope could overlap are locked, the leases and
/// completed scans filed there are read, ``ScanDeconfliction`` decides, and a granted lease is stored before the
/// locks are released. Two overlapping claims, on one node or two, therefore never both succeed: the second reads
/// the first's lease.
public enum ScanClaimDecision {
    public static func decide(
        _ claim: ScanClaim, by claimant: Organization.ID, leaseID: ScanLease.ID, grant: ScanGrant.ID? = nil,
        now: Date, policy: ScanPolicy, in repositories: Repositories
    ) async throws -> (decision: ClaimDecision, lease: ScanLease?) {
        let buckets = ScanBuckets(claim.scope)
        try await repositories.scanLeases.lock(buckets)
        let (live, completed) = try await repositories.scanLeases.around(
            buckets, startingAt: claim.startsAt, completedSince: claim.startsAt.addingTimeInterval(-policy.coolDown))
        let decision = ScanDeconfliction.decide(
            claim, by: claimant, live: live.map(\.held), completed: completed.compactMap(\.completed), policy: policy)
        guard decision == .granted else { return (decision, nil) }
        let lease = ScanLease(
            id: leaseID, holder: claimant, claim: claim, grant: grant, heartbeatAt: now, createdAt: now)
        try await repositories.scanLeases.insert(lease)
        return (decision, lease)
    }
}
