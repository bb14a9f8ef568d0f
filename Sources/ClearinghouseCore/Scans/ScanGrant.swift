public import Foundation

/// An asset owner's consent that another organization scan some of its networks or names: with which techniques,
/// in which window, at what rate at most, and whom to call. Revocable at once; grants and revocations go into the
/// transparency log.
public struct ScanGrant: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<ScanGrant>

    public static let maximumScopes = 100
    public static let maximumContactLength = 200
    /// The longest window one grant covers; a longer engagement is granted again.
    public static let maximumWindow: TimeInterval = 366 * 86_400
    public static let maximumRate = 1_000_000

    public let id: ID
    public let granter: Organization.ID
    public let grantee: Organization.ID
    public let scopes: [ScanScope]
    public let techniques: Set<ScanTechnique>
    public let startsAt: Date
    public let endsAt: Date
    /// The most requests per second the grantee's scanners may send.
    public let maximumRequestsPerSecond: Int
    /// Whom the grantee calls when something goes wrong: a name, address or number.
    public let contact: String
    public let createdAt: Date
    public var revokedAt: Date?

    /// A grant as it was stored.
    public init(
        id: ID, granter: Organization.ID, grantee: Organization.ID, scopes: [ScanScope],
        techniques: Set<ScanTechnique>, startsAt: Date, endsAt: Date, maximumRequestsPerSecond: Int, contact: String,
        createdAt: Date, revokedAt: Date?
    ) {
        (self.id, self.granter, self.grantee, self.scopes, self.techniques) = (id, granter, grantee, scopes, techniques)
        (self.startsAt, self.endsAt, self.maximumRequestsPerSecond, self.contact) =
            (startsAt, endsAt, maximumRequestsPerSecond, contact)
        (self.createdAt, self.revokedAt) = (createdAt, revokedAt)
    }

    /// Checks a grant as an owner gives it. Whether the owner's verified assets hold its scopes is checked against
    /// the store, by ``ScanAuthorization/unownedScope(of:assets:)``.
    ///
    /// - Throws: `invalid_field` naming the field: no scopes or too many, a scope that is not `net`, no techniques,
    ///   a window that ends before it starts or lasts more than 366 days, a start in the past, a rate out of range,
    ///   a contact that is not one line, or a grant to the granter itself.
    public init(
        id: ID, granter: Organization.ID, grantee: Organization.ID, scopes: [ScanScope],
        techniques: [ScanTechnique], startsAt: Date?, endsAt: Date, maximumRequestsPerSecond: Int, contact: String,
        now: Date
    ) throws(ClearinghouseError) {
        guard grantee != granter else {
            throw .invalidField("grantee_id", "An organization needs no grant to scan its own assets; name another.")
        }
        guard (1...Self.maximumScopes).contains(scopes.count) else {
            throw .invalidField("scopes", "A grant covers 1 to \(Self.maximumScopes) scopes.")
        }
        if let index = scopes.firstIndex(where: { $0.kind != .net }) {
            throw .invalidField("scopes[\(index)].kind", "Grants cover networks and host names (`net` scopes).")
        }
        guard !techniques.isEmpty else {
            throw .invalidField("techniques", "A grant names at least one technique.")
        }
        let start = startsAt ?? now
        guard start >= now.addingTimeInterval(-60) else {
            throw .invalidField("starts_at", "`starts_at` is now or later; a grant cannot start in the past.")
        }
        guard endsAt > start else { throw .invalidField("ends_at", "`ends_at` is after `starts_at`.") }
        guard endsAt.timeIntervalSince(start) <= Self.maximumWindow else {
            throw .invalidField("ends_at", "A grant lasts at most 366 days; grant again for a longer engagement.")
        }
        guard (1...Self.maximumRate).contains(maximumRequestsPerSecond) else {
            throw .invalidField("max_requests_per_second", "`max_requests_per_second` is from 1 to \(Self.maximumRate).")
        }
        self.init(
            id: id, granter: granter, grantee: grantee, scopes: scopes, techniques: Set(techniques), startsAt: start,
            endsAt: endsAt, maximumRequestsPerSecond: maximumRequestsPerSecond,
            contact: try TextRules.singleLine(contact, field: "contact", maximumLength: Self.maximumContactLength),
            createdAt: now, revokedAt: nil)
    }

    /// Who may see the grant: its granter, its grantee and verified coordinators.
    public var visibility: Visibility {
        Visibility(label: .amber, owner: granter, participants: [grantee])
    }
}

/// Whether a `net` claim is authorized, and if not, what is missing.
public enum ScanAuthorization {
    /// The grant that authorizes a claim: one to the claimant, not revoked, naming the claim's technique, whose
    /// window holds the claim's, with a scope that contains the claim's, inside a verified asset of the granter.
    public static func grant(
        for claim: ScanClaim, by claimant: Organization.ID, among grants: [ScanGrant], assets: [ScanAsset]
    ) -> ScanGrant? {
        grants.first { grant in
            grant.grantee == claimant && grant.revokedAt == nil && grant.techniques.contains(claim.technique)
                && grant.startsAt <= claim.startsAt && claim.endsAt <= grant.endsAt
                && grant.scopes.contains { $0.contains(claim.scope) }
                && assets.contains { asset in
                    asset.owner == grant.granter && asset.isVerified && asset.scope.contains(claim.scope)
                }
        }
    }

    /// What a refused claim lacks, in words for the claimant.
    public static func missing(
        for claim: ScanClaim, by claimant: Organization.ID, among grants: [ScanGrant], assets: [ScanAsset]
    ) -> String {
        let scope = "`\(claim.scope)`"
        let covering = grants.filter { grant in
            grant.grantee == claimant && grant.revokedAt == nil && grant.scopes.contains { $0.contains(claim.scope) }
        }
        guard !covering.isEmpty else {
            return "Scanning \(scope) needs an authorization grant from the verified owner of that network or name; no grant to your organization covers it."
        }
        let withTechnique = covering.filter { $0.techniques.contains(claim.technique) }
        guard !withTechnique.isEmpty else {
            return "Grants to your organization cover \(scope), but none for the `\(claim.technique.rawValue)` technique."
        }
        let inWindow = withTechnique.filter { $0.startsAt <= claim.startsAt && claim.endsAt <= $0.endsAt }
        guard !inWindow.isEmpty else {
            let windows = withTechnique.map { "\(timestamp($0.startsAt)) to \(timestamp($0.endsAt))" }
            return "Grants to your organization cover \(scope) with `\(claim.technique.rawValue)` only from \(windows.joined(separator: ", ")); claim a window inside one."
        }
        return "The grant covering \(scope) is for a network or name its granter's verified assets no longer hold; ask the owner to have the asset verified again."
    }

    /// The first of a grant's scopes that no verified asset of the granter contains, with its index.
    public static func unownedScope(of scopes: [ScanScope], granter: Organization.ID, assets: [ScanAsset]) -> Int? {
        scopes.firstIndex { scope in
            !assets.contains { $0.owner == granter && $0.isVerified && $0.scope.contains(scope) }
        }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
