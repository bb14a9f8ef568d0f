extension AuditAction {
    public static let caseTransition = AuditAction(rawValue: "case.transition")
    public static let caseParticipantAdd = AuditAction(rawValue: "case.participant_add")
    public static let caseParticipantRemove = AuditAction(rawValue: "case.participant_remove")
    public static let caseMerge = AuditAction(rawValue: "case.merge")
    public static let caseSplit = AuditAction(rawValue: "case.split")
    public static let caseMessage = AuditAction(rawValue: "case.message")
}

extension AuditTarget {
    public static func `case`(_ id: Case.ID) -> AuditTarget {
        AuditTarget(type: "case", id: id.rawValue)
    }
}
