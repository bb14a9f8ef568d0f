import JSONSupport

/// Coordinated disclosure's transparency-log entries: every change of an embargo and every participant's status,
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
}
