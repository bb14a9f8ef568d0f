public import Foundation

/// A finding about someone's infrastructure that does not rest on a lease of its reporter covering the place: kept
/// (what it reports may still matter to the owner), but flagged for coordinators, and its place's verified owner is
/// told that it was scanned.
public struct UnauthorizedScan: Sendable, Hashable {
    /// Why the finding's scan was not authorized.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The finding names no lease.
        case noLease = "no_lease"
        /// The lease it names is not one of its reporter's.
        case unknownLease = "unknown_lease"
        /// The lease does not cover the place: another network or name, or not a `net` scope at all.
        case outsideLease = "outside_lease"
        /// The lease had not started when the finding was reported.
        case beforeLease = "before_lease"

        /// What a reporter, a coordinator or an owner reads.
        public var explanation: String {
            switch self {
            case .noLease:
                "The finding names no scan lease; findings about infrastructure name the lease they were found under."
            case .unknownLease: "The lease the finding names is not one of its reporter's."
            case .outsideLease: "The lease the finding names does not cover the host or address it was found at."
            case .beforeLease: "The lease the finding names had not started when the finding was reported."
            }
        }
    }

    public let finding: Finding.ID
    public let reporter: Organization.ID
    public let place: FindingNetworkTarget
    public let reason: Reason
    /// The verified asset holding the place, and its owner, when one does.
    public let asset: ScanAsset.ID?
    public let owner: Organization.ID?
    public let flaggedAt: Date

    public init(
        finding: Finding.ID, reporter: Organization.ID, place: FindingNetworkTarget, reason: Reason,
        asset: ScanAsset.ID?, owner: Organization.ID?, flaggedAt: Date
    ) {
        (self.finding, self.reporter, self.place, self.reason) = (finding, reporter, place, reason)
        (self.asset, self.owner, self.flaggedAt) = (asset, owner, flaggedAt)
    }

    /// Whether a scan at `place` was authorized by the lease it names.
    ///
    /// - Parameters:
    ///   - lease: The lease the finding names, as found; `nil` when it names none or none exists.
    ///   - reporter: The finding's reporter, who must hold the lease.
    ///   - now: When the finding is reported. A finding may be reported after its lease ended: the scan was done
    ///     while it ran.
    /// - Returns: why it was not, or `nil` when it was.
    public static func reason(
        for place: FindingNetworkTarget, lease: ScanLease?, reporter: Organization.ID, at now: Date
    ) -> Reason? {
        guard place.lease != nil else { return .noLease }
        guard let lease, lease.id == place.lease, lease.holder == reporter else { return .unknownLease }
        guard lease.claim.scope.contains(place.place) else { return .outsideLease }
        guard lease.claim.startsAt <= now else { return .beforeLease }
        return nil
    }

    /// Who may read the flag: coordinators, and the verified owner of the place, who learns that its asset was
    /// scanned (not by whom, nor what was found: those stay with the finding's own visibility).
    public var visibility: Visibility {
        Visibility(label: .amber, owner: owner)
    }
}
