extension AuditAction {
    /// A participant or coordinator proposed another public date.
    public static let embargoPropose = AuditAction(rawValue: "embargo.propose")
    /// A participant or coordinator agreed to the date proposed.
    public static let embargoAgree = AuditAction(rawValue: "embargo.agree")
    /// A coordinator ended an embargo early.
    public static let embargoEndEarly = AuditAction(rawValue: "embargo.end_early")
    /// The scheduler reminded those on a case that its public date is near, or has come.
    public static let embargoRemind = AuditAction(rawValue: "embargo.remind")
    /// The scheduler reminded a vendor on a case that its remediation deadline is near, or has come.
    public static let remediationRemind = AuditAction(rawValue: "remediation.remind")
    /// A fix of a case was recorded.
    public static let caseFix = AuditAction(rawValue: "case.fix")
    /// A case was published as an advisory.
    public static let advisoryPublish = AuditAction(rawValue: "advisory.publish")
    /// A participant's status on a case was recorded.
    public static let caseParticipantStatus = AuditAction(rawValue: "case.participant_status")

    /// The transparency-log kind of an embargo change: `embargo.proposed`, `embargo.extended`, `embargo.agreed` …
    public static func embargo(_ kind: EmbargoChange.Kind) -> AuditAction {
        AuditAction(rawValue: "embargo.\(kind.rawValue)")
    }
}
