/// Coordinated disclosure: those on a case negotiate its embargo; coordinators end one early and publish; each
/// participant gives its own status, and coordinators may record one for it; vendors on a case record its fixes.
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

    /// Record a fix of a case: a vendor on its need-to-know list, or a coordinator.
    public static func recordFix(_ target: Case) -> Action {
        Action("case.record_fix") { _, member in
            guard member.isCoordinator || member.isVendor(on: target) else { return .denied(.coordinatorsOnly) }
            return member.needs(.analyst)
        }
    }

    /// Publish a case as an advisory.
    public static let publishCase = Action("case.publish") { _, member in member.needsCoordinator(.analyst) }
}

extension Member {
    /// Whether the member's organization is a vendor on the case's need-to-know list: one that remediates it.
    func isVendor(on target: Case) -> Bool {
        organization.kind == .vendor && target.participants.contains(organizationID)
    }
}
