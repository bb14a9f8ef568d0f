/// Coordinated disclosure: those on a case negotiate its embargo; coordinators end one early; each participant
/// gives its own status, and coordinators may record one for it.
extension Action {
    /// Propose a public date for a case's embargo, or agree to the one proposed: the case's first reporter and the
    /// organizations on its need-to-know list, and coordinators.
    public static func negotiateEmbargo(_ target: Case) -> Action {
        Action("embargo.negotiate") { _, member in
            guard
                member.isCoordinator || target.owner == member.organizationID
                    || target.participants.contains(member.organizationID)
            else { return .denied(.notOnNeedToKnowList) }
            return member.needs(.analyst)
        }
    }

    /// End an embargo before its date because the vulnerability is being exploited.
    public static let endEmbargoEarly = Action("embargo.end_early") { _, member in member.needsCoordinator(.analyst) }

    /// Say where an organization on a case's need-to-know list stands (affected, not affected, fixed, unknown): the
    /// organization itself, or a coordinator on its behalf.
    public static func setParticipantStatus(_ target: Case, of organization: Organization.ID) -> Action {
        Action("case.participant_status") { _, member in
            if member.isCoordinator { return member.needs(.analyst) }
            guard target.participants.contains(member.organizationID) else { return .denied(.notOnNeedToKnowList) }
            return member.ownOrganization(organization)
        }
    }
}
