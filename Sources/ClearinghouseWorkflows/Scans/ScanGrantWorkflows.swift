public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Owners' assets and their grants to scanners: registering a network or name, a coordinator's verification of
/// the ownership, granting and revoking. Grants, revocations and verifications go into the transparency log; a
/// revocation ends at once the leases that rested on the grant.
public struct ScanGrantWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    // MARK: Assets

    /// Registers a network or name the requester's organization owns; it counts once a coordinator verifies it.
    public func register(_ scope: ScanScope, name: String, by requester: Requester) async throws -> ScanAsset {
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(
            .registerScanAsset, auditing: .scanAssetRegister, target: nil, by: requester)
        let dependencies = workflows.dependencies
        let asset = try ScanAsset(
            registering: scope, name: name, id: dependencies.makeID(), owner: member.organizationID,
            now: dependencies.now())
        let event = requester.event(
            .scanAssetRegister, target: .scanAsset(asset.id), detail: asset.scope.description,
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.scanAssets.insert(asset)
            return .nothing
        }
        return asset
    }

    /// An asset, when the requester may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func asset(_ id: ScanAsset.ID, by requester: Requester) async throws -> ScanAsset {
        let asset = try await workflows.store.read { try await $0.scanAssets.find(id) }
        guard let asset, workflows.gate.mayRead(asset.visibility, by: requester) else {
            throw ClearinghouseError.notFound("scan asset")
        }
        return asset
    }

    /// The assets the requester may see: its organization's, or every organization's for coordinators.
    public func assets(_ page: PageRequest, by requester: Requester) async throws -> Page<ScanAsset> {
        let member = try requester.member()
        let organization = member.isCoordinator ? nil : member.organizationID
        let store = workflows.store
        return try await VisiblePageCollector<ScanAsset>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.scanAssets.list(of: organization, after: after, limit: limit) }
        }
    }

    /// Records that the owner of an asset the requester may see (as ``asset(_:by:)`` found it) controls it, and how
    /// that was established. Verifying again changes nothing.
    public func verify(
        _ found: ScanAsset, method: ScanAsset.VerificationMethod, note: String?, by requester: Requester
    ) async throws -> ScanAsset {
        let id = found.id
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(
            .verifyScanAsset, auditing: .scanAssetVerify, target: .scanAsset(id), by: requester)
        guard !found.isVerified else { return found }
        let dependencies = workflows.dependencies
        let verified = try found.verified(
            method: method, note: note, by: member.organizationID, at: dependencies.now())
        let verification = verified.verification!
        let event = requester.event(
            .scanAssetVerify, target: .scanAsset(id), detail: "\(method.rawValue): \(found.scope)",
            dependencies: dependencies)
        let entry = LogEntryDraft.scanAssetVerified(verified, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.scanAssets.setVerification(verification, of: id)
            return Recorded((), log: [entry])
        }
        return verified
    }

    /// Removes an asset; grants stop authorizing claims inside it that no other verified asset holds.
    public func remove(_ id: ScanAsset.ID, by requester: Requester) async throws {
        let found = try await asset(id, by: requester)
        try await workflows.gate.authorizeMutation(
            .removeScanAsset(of: found.owner), auditing: .scanAssetRemove, target: .scanAsset(id), by: requester)
        let event = requester.event(
            .scanAssetRemove, target: .scanAsset(id), detail: found.scope.description,
            dependencies: workflows.dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.scanAssets.delete(id)
            return .nothing
        }
    }

    // MARK: Grants

    /// What an owner grants, before it is checked.
    public struct GrantRequest: Sendable {
        public var grantee: Organization.ID
        public var scopes: [ScanScope]
        public var techniques: [ScanTechnique]
        public var startsAt: Date?
        public var endsAt: Date
        public var maximumRequestsPerSecond: Int
        public var contact: String

        public init(
            grantee: Organization.ID, scopes: [ScanScope], techniques: [ScanTechnique], startsAt: Date?, endsAt: Date,
            maximumRequestsPerSecond: Int, contact: String
        ) {
            (self.grantee, self.scopes, self.techniques, self.startsAt, self.endsAt) =
                (grantee, scopes, techniques, startsAt, endsAt)
            (self.maximumRequestsPerSecond, self.contact) = (maximumRequestsPerSecond, contact)
        }
    }

    /// Grants another organization the right to scan some of the requester's organization's verified assets.
    ///
    /// - Throws: `invalid_field` for a grantee that is not a verified organization (`grantee_id`), or a scope no
    ///   verified asset of the granter holds (`scopes[i]`), besides what ``ScanGrant`` checks.
    public func grant(_ request: GrantRequest, by requester: Requester) async throws -> ScanGrant {
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(.grantScans, auditing: .scanGrantCreate, target: nil, by: requester)
        // Organizations do not see each other; the grantee gives the owner its id, which is enough to name it.
        let grantee = try await workflows.store.read { try await $0.organizations.find(request.grantee) }
        guard let grantee, grantee.isVerified else {
            throw ClearinghouseError.invalidField(
                "grantee_id", "`grantee_id` names no verified organization; ask the scanner for its organization's id.")
        }
        let dependencies = workflows.dependencies
        let grant = try ScanGrant(
            id: dependencies.makeID(), granter: member.organizationID, grantee: request.grantee,
            scopes: request.scopes, techniques: request.techniques, startsAt: request.startsAt,
            endsAt: request.endsAt, maximumRequestsPerSecond: request.maximumRequestsPerSecond,
            contact: request.contact, now: dependencies.now())
        let event = requester.event(
            .scanGrantCreate, target: .scanGrant(grant.id),
            detail: "to \(grant.grantee): \(grant.scopes.map(\.description).joined(separator: ", "))",
            dependencies: dependencies)
        let entry = LogEntryDraft.scanGrantCreated(grant, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            let assets = try await repositories.scanAssets.verified(of: [grant.granter])
            if let index = ScanAuthorization.unownedScope(of: grant.scopes, granter: grant.granter, assets: assets) {
                throw ClearinghouseError.invalidField(
                    "scopes[\(index)]",
                    "`\(grant.scopes[index])` is not inside a verified asset of your organization; register it and have a coordinator verify it first.")
            }
            try await repositories.scanGrants.insert(grant)
            return Recorded((), log: [entry])
        }
        return grant
    }

    /// A grant, when the requester may see it (its granter, its grantee, coordinators).
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func grant(_ id: ScanGrant.ID, by requester: Requester) async throws -> ScanGrant {
        let grant = try await workflows.store.read { try await $0.scanGrants.find(id) }
        guard let grant, workflows.gate.mayRead(grant.visibility, by: requester) else {
            throw ClearinghouseError.notFound("scan grant")
        }
        return grant
    }

    /// The grants the requester's organization gave or received (every grant, for coordinators).
    public func grants(_ page: PageRequest, by requester: Requester) async throws -> Page<ScanGrant> {
        let member = try requester.member()
        let organization = member.isCoordinator ? nil : member.organizationID
        let store = workflows.store
        return try await VisiblePageCollector<ScanGrant>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.scanGrants.list(concerning: organization, after: after, limit: limit) }
        }
    }

    /// Revokes a grant at once: the leases that rest on it end as `revoked`, each audited. Revoking a revoked grant
    /// changes nothing.
    public func revoke(_ id: ScanGrant.ID, by requester: Requester) async throws -> ScanGrant {
        let found = try await grant(id, by: requester)
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(
            .revokeScanGrant(of: found.granter), auditing: .scanGrantRevoke, target: .scanGrant(id), by: requester)
        guard found.revokedAt == nil else { return found }
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        var revoked = found
        revoked.revokedAt = now
        let event = requester.event(.scanGrantRevoke, target: .scanGrant(id), dependencies: dependencies)
        let entry = LogEntryDraft.scanGrantRevoked(revoked, by: member.organizationID, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.scanGrants.revoke(id, at: now)
            var ended: [AuditEvent] = []
            for lease in try await repositories.scanLeases.active(under: id) {
                try await repositories.scanLeases.update(lease.closed(.revoked, at: now))
                ended.append(
                    requester.event(
                        .scanRevoke, target: .scanLease(lease.id), detail: "grant \(id) revoked",
                        dependencies: dependencies))
            }
            return Recorded((), log: [entry], events: ended)
        }
        return revoked
    }
}
