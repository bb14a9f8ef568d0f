extension AccessPolicy {
    /// Advisories, exposure and priorities: coordinators import public data and see whom an advisory reaches; an
    /// organization's analysts manage its SBOMs and VEX; those who may see a subject decide about it with SSVC.
    func authorizeExposure(_ action: Action, by member: Member) -> AccessDecision {
        switch action {
        case .importAdvisories, .importThreatFeeds, .readAdvisoryExposure:
            guard member.isCoordinator else { return .denied(.coordinatorsOnly) }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .manageSBOMs(let organization), .publishVEX(let organization):
            guard member.organizationID == organization else { return .denied(.otherOrganization) }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .decideSSVC(let subject):
            guard case .granted = read(subject, by: .member(member)) else {
                return .denied(.notOnNeedToKnowList)
            }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        default:
            return .denied(.notOnNeedToKnowList)
        }
    }
}
