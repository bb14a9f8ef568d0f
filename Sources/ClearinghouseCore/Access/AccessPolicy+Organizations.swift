extension AccessPolicy {
    /// Organizations, their tokens and intake policies: coordinator admins register and verify organizations and
    /// set intake policies; an organization's admins (or a coordinator's) manage its tokens; anyone may revoke the
    /// token it holds.
    func authorizeOrganizations(_ action: Action, by member: Member) -> AccessDecision {
        switch action {
        case .createOrganization, .verifyOrganization, .setIntakePolicy:
            guard member.isCoordinator else { return .denied(.coordinatorsOnly) }
            return member.role == .admin ? .granted(.role) : .denied(.insufficientRole)
        case .manageTokens(let organization):
            return manageTokens(of: organization, by: member)
        case .revokeToken(let token, let organization):
            if token == member.token.id {
                return .granted(.ownToken)
            }
            return manageTokens(of: organization, by: member)
        case .readReporterQuality(let organization):
            return member.organizationID == organization || member.isCoordinator
                ? .granted(.role) : .denied(.otherOrganization)
        default:
            return .denied(.notOnNeedToKnowList)
        }
    }

    private func manageTokens(of organization: Organization.ID, by member: Member) -> AccessDecision {
        guard member.organizationID == organization || member.isCoordinator else {
            return .denied(.otherOrganization)
        }
        return member.role == .admin ? .granted(.role) : .denied(.insufficientRole)
    }
}
