import Foundation
import JSONSupport

/// Scan authorizations in the transparency log: a grant is consent to scan someone's infrastructure, so that who
/// allowed what, and when it was withdrawn, can be proved later. Logged as commitments, revealed to the granter, the
/// grantee and coordinators.
extension LogEntryDraft {
    public static func scanGrantCreated(_ grant: ScanGrant, dependencies: Dependencies) -> LogEntryDraft {
        let event: [String: JSONTree] = [
            "grant_id": .string(grant.id.rawValue),
            "granter_id": .string(grant.granter.rawValue),
            "grantee_id": .string(grant.grantee.rawValue),
            "scopes": .array(grant.scopes.map { .string($0.description) }),
            "techniques": .array(grant.techniques.map(\.rawValue).sorted().map(JSONTree.string)),
            "starts_at": .string(timestamp(grant.startsAt)),
            "ends_at": .string(timestamp(grant.endsAt)),
            "max_requests_per_second": .number(String(grant.maximumRequestsPerSecond)),
        ]
        return .confidential(
            kind: AuditAction.scanGrantCreate.rawValue, event: .object(event), visibility: grant.visibility,
            time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    public static func scanGrantRevoked(_ grant: ScanGrant, by organization: Organization.ID, dependencies: Dependencies)
        -> LogEntryDraft
    {
        let event: [String: JSONTree] = [
            "grant_id": .string(grant.id.rawValue),
            "revoked_at": .string(timestamp(grant.revokedAt ?? dependencies.now())),
            "revoked_by": .string(organization.rawValue),
        ]
        return .confidential(
            kind: AuditAction.scanGrantRevoke.rawValue, event: .object(event), visibility: grant.visibility,
            time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// A coordinator vouched that an organization controls a network or name.
    public static func scanAssetVerified(_ asset: ScanAsset, dependencies: Dependencies) -> LogEntryDraft {
        var event: [String: JSONTree] = [
            "asset_id": .string(asset.id.rawValue),
            "owner_id": .string(asset.owner.rawValue),
            "scope": .string(asset.scope.description),
        ]
        if let verification = asset.verification {
            event["method"] = .string(verification.method.rawValue)
            event["verified_by"] = .string(verification.by.rawValue)
            event["verified_at"] = .string(timestamp(verification.at))
        }
        return .confidential(
            kind: AuditAction.scanAssetVerify.rawValue, event: .object(event), visibility: asset.visibility,
            time: dependencies.now(), salt: dependencies.randomBytes(32))
    }
}
