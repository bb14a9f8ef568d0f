public import Foundation

/// A participant's lease on a scan scope: granted for the claim's window, kept alive by heartbeats, and ended by
/// its holder (released, or completed with a summary) or by the scheduler (lapsed without a heartbeat, or past its
/// end).
public struct ScanLease: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<ScanLease>

    public enum State: String, Codable, Sendable, CaseIterable {
        case active, released, completed, lapsed
        /// Ended when the grant that authorized it was revoked.
        case revoked
    }

    public let id: ID
    public let holder: Organization.ID
    public var claim: ScanClaim
    /// The grant that authorized a `net` lease.
    public let grant: ScanGrant.ID?
    public var state: State
    public var heartbeatAt: Date
    /// What a completed scan found, as counts by name (`findings`, `targets` …).
    public var summary: [String: Int]?
    public let createdAt: Date
    public var finishedAt: Date?

    public init(
        id: ID, holder: Organization.ID, claim: ScanClaim, grant: ScanGrant.ID? = nil, state: State = .active,
        heartbeatAt: Date, summary: [String: Int]? = nil, createdAt: Date, finishedAt: Date? = nil
    ) {
        (self.id, self.holder, self.claim, self.grant, self.state, self.heartbeatAt) =
            (id, holder, claim, grant, state, heartbeatAt)
        (self.summary, self.createdAt, self.finishedAt) = (summary, createdAt, finishedAt)
    }

    /// The lease as the deconfliction rules see it.
    public var held: HeldLease {
        HeldLease(
            id: id.rawValue, holder: holder, scope: claim.scope, technique: claim.technique,
            startsAt: claim.startsAt, endsAt: claim.endsAt)
    }

    /// The scan as the cool-down sees it, once completed.
    public var completed: CompletedScan? {
        guard state == .completed, let finishedAt else { return nil }
        return CompletedScan(scope: claim.scope, technique: claim.technique, completedAt: finishedAt)
    }
}
