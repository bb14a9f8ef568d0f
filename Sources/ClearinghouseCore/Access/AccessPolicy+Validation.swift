extension AccessPolicy {
    /// Validation: validator admins manage signing keys; verified validators claim and attest; coordinators, or a
    /// vendor on the case, ask for a fix to be verified.
    func authorizeValidation(_ action: Action, by member: Member) -> AccessDecision {
        switch action {
        case .manageValidatorKeys:
            guard member.organization.kind == .validator else { return .denied(.validatorsOnly) }
            return member.role == .admin ? .granted(.role) : .denied(.insufficientRole)
        case .validate:
            guard member.organization.kind == .validator else { return .denied(.validatorsOnly) }
            guard member.organization.isVerified else { return .denied(.unverifiedOrganization) }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .requestFixVerification(let target):
            let allowed =
                member.isCoordinator
                || (member.organization.kind == .vendor && target.participants.contains(member.organizationID))
            guard allowed else { return .denied(.coordinatorsOnly) }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        default:
            return .denied(.notOnNeedToKnowList)
        }
    }
}
