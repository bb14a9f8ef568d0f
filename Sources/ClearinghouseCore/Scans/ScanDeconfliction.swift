public import Foundation

/// A lease in force or booked, as the deconfliction rules see it.
public struct HeldLease: Sendable, Hashable {
    public let id: String
    public let holder: Organization.ID
    public let scope: ScanScope
    public let technique: ScanTechnique
    public let startsAt: Date
    public let endsAt: Date

    public init(
        id: String, holder: Organization.ID, scope: ScanScope, technique: ScanTechnique, startsAt: Date, endsAt: Date
    ) {
        (self.id, self.holder, self.scope, self.technique, self.startsAt, self.endsAt) =
            (id, holder, scope, technique, startsAt, endsAt)
    }
}

/// A scan that ran to completion.
public struct CompletedScan: Sendable, Hashable {
    public let scope: ScanScope
    public let technique: ScanTechnique
    public let completedAt: Date

    public init(scope: ScanScope, technique: ScanTechnique, completedAt: Date) {
        (self.scope, self.technique, self.completedAt) = (scope, technique, completedAt)
    }
}

/// Whether a claim may have its lease.
public enum ClaimDecision: Sendable, Hashable {
    case granted
    /// Other participants' leases that overlap it, in scope and time.
    case conflict([HeldLease])
    /// The same scope was scanned to completion with the same technique within the cool-down; a new claim may
    /// start after `until`.
    case recentlyScanned(CompletedScan, until: Date)
}

/// The deconfliction rules, on what the store found around a claim.
///
/// Two leases conflict when they belong to different participants, their scopes overlap (``ScanScope/overlaps(_:)``)
/// and their windows share a moment, and either they use the same technique or the scope is a `net` one (two scans
/// of one network at once, whatever their techniques, double the load on its owner). A participant's own leases
/// never conflict with each other. A claimant that opts into overlap is granted beside `pkg` and `repo` leases.
public enum ScanDeconfliction {
    public static func decide(
        _ claim: ScanClaim, by claimant: Organization.ID, live: [HeldLease], completed: [CompletedScan],
        policy: ScanPolicy
    ) -> ClaimDecision {
        let conflicts = conflicts(of: claim, by: claimant, among: live)
        if !conflicts.isEmpty {
            return .conflict(conflicts)
        }
        guard !claim.allowsOverlap else { return .granted }
        let recent = completed
            .filter { $0.scope == claim.scope && $0.technique == claim.technique }
            .filter { $0.completedAt.addingTimeInterval(policy.coolDown) > claim.startsAt }
            .max { $0.completedAt < $1.completedAt }
        if let recent {
            return .recentlyScanned(recent, until: recent.completedAt.addingTimeInterval(policy.coolDown))
        }
        return .granted
    }

    /// The leases of `live` a claim conflicts with, those ending first first: what an extension, which the
    /// cool-down does not concern, is checked against.
    public static func conflicts(of claim: ScanClaim, by claimant: Organization.ID, among live: [HeldLease])
        -> [HeldLease]
    {
        live.filter { lease in
            lease.holder != claimant && lease.scope.overlaps(claim.scope)
                && lease.startsAt < claim.endsAt && claim.startsAt < lease.endsAt
                && (lease.technique == claim.technique || claim.scope.kind == .net)
                && !(claim.allowsOverlap && claim.scope.kind != .net)
        }
        .sorted { ($0.endsAt, $0.id) < ($1.endsAt, $1.id) }
    }
}
