import Crypto
public import Foundation
public import JSONSupport

/// Coordinated disclosure's transparency-log entries: every change of an embargo, every participant's status and fix,
/// as commitments revealable by those who may see the case.
extension LogEntryDraft {
    /// A change of a case's embargo (proposed, extended, shortened, agreed, ended early, lifted).
    public static func embargoChanged(
        _ change: EmbargoChange, of target: Case, dependencies: Dependencies
    ) -> LogEntryDraft {
        let details: [String: JSONTree] = [
            "public_date": .string(change.publicDate.local),
            "time_zone": .string(change.publicDate.timeZone),
            "public_at": .string(timestamp(change.publicDate.instant)),
            "by": change.by.map { .string($0.rawValue) } ?? .null,
            "reason": change.reason.map(JSONTree.string) ?? .null,
        ]
        return caseChanged(.embargo(change.kind), target, details: details, at: change.at, dependencies: dependencies)
    }

    /// A participant's status on a case, as it gave it (or a coordinator recorded it).
    public static func participantStatusSet(
        _ status: ParticipantStatus, of target: Case, dependencies: Dependencies
    ) -> LogEntryDraft {
        let details: [String: JSONTree] = [
            "organization_id": .string(status.organization.rawValue),
            "status": .string(status.status.rawValue),
            "justification": status.justification.map { .string($0.rawValue) } ?? .null,
            "statement": status.statement.map(JSONTree.string) ?? .null,
        ]
        return caseChanged(
            .caseParticipantStatus, target, details: details, at: status.updatedAt, dependencies: dependencies)
    }

    /// A fix recorded on a case.
    public static func fixRecorded(_ fix: CaseFix, of target: Case, dependencies: Dependencies) -> LogEntryDraft {
        let details: [String: JSONTree] = [
            "fix_id": .string(fix.id.rawValue),
            "organization_id": .string(fix.organization.rawValue),
            "target": .string(fix.target.text),
            "introduced": fix.introduced.map(JSONTree.string) ?? .null,
            "patch": fix.patch.map { .string($0.description) } ?? .null,
        ]
        return caseChanged(.caseFix, target, details: details, at: fix.recordedAt, dependencies: dependencies)
    }

    /// An advisory was published: a public entry naming it and the SHA-256 of its OSV document's canonical JSON, so
    /// that anyone holding the document can check it is the one published.
    public static func advisoryPublished(_ id: AdvisoryID, osvDocument: JSONTree, at time: Date) -> LogEntryDraft {
        let digest = SHA256.hash(data: Data(osvDocument.canonicalText.utf8)).map { String(format: "%02x", $0) }
        return .published(
            kind: AuditAction.advisoryPublish.rawValue,
            body: .object([
                "id": .string(id.description), "osv_id": .string(id.osv),
                "osv_sha256": .string(digest.joined()),
            ]), time: time)
    }
}
