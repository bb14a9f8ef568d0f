import Foundation

/// The events that go to the transparency log, built from domain values.
///
/// Every event that matters to third parties is logged. Events about confidential records are logged as
/// commitments, revealed later by those the record's visibility allows.
extension LogEntryDraft {
    /// A coordinator verified an organization's identity.
    public static func organizationVerified(
        _ organization: Organization, note: String?, dependencies: Dependencies
    ) -> LogEntryDraft {
        var event: [String: JSONValue] = [
            "organization": organization.logSummary,
            "verified_at": .string(timestamp(organization.verification.verifiedAt ?? dependencies.now())),
            "verified_by": organization.verification.verifiedBy.map { .string($0.rawValue) } ?? .null,
        ]
        if let note {
            event["note"] = .string(note)
        }
        return .confidential(
            kind: AuditAction.organizationVerify.rawValue, event: .object(event),
            visibility: organization.visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// The instance was bootstrapped with its first coordinator organization.
    public static func instanceBootstrapped(
        _ organization: Organization, dependencies: Dependencies
    )
        -> LogEntryDraft
    {
        .confidential(
            kind: AuditAction.instanceBootstrap.rawValue,
            event: .object(["organization": organization.logSummary]), visibility: organization.visibility,
            time: dependencies.now(), salt: dependencies.randomBytes(32))
    }
}

extension Organization {
    /// What the log commits to about an organization: who it is, not how to reach it.
    var logSummary: JSONValue {
        var summary: [String: JSONValue] = [
            "id": .string(id.rawValue), "name": .string(name), "kind": .string(kind.rawValue),
        ]
        if let sector {
            summary["sector"] = .string(sector.rawValue)
        }
        return .object(summary)
    }
}
