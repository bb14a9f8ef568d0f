extension AccessPolicy {
    /// Findings and cases: any analyst submits findings; coordinators coordinate cases; those who may see a case
    /// write to its participants; who may move a case depends on the move (``transitionCase(_:to:by:)``).
    func authorizeCases(_ action: Action, by member: Member) -> AccessDecision {
        switch action {
        case .submitFindings:
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .coordinateCases:
            guard member.isCoordinator else { return .denied(.coordinatorsOnly) }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .postCaseMessage(let target):
            guard case .granted = read(target.visibility, by: .member(member)) else {
                return .denied(.notOnNeedToKnowList)
            }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .transitionCase(let target, let state):
            return transitionCase(target, to: state, by: member)
        default:
            return .denied(.notOnNeedToKnowList)
        }
    }

    /// Coordinators triage, judge and disclose; the first reporter may withdraw; a vendor on the case's
    /// need-to-know list reports remediation and fixes. Each with an analyst or admin token.
    private func transitionCase(_ target: Case, to state: CaseState, by member: Member) -> AccessDecision {
        let allowed: Bool
        if member.isCoordinator {
            allowed = true
        } else if state == .withdrawn {
            allowed = member.organizationID == target.owner
        } else if state == .remediating || state == .fixed {
            allowed = member.organization.kind == .vendor && target.participants.contains(member.organizationID)
        } else {
            allowed = false
        }
        guard allowed else { return .denied(.coordinatorsOnly) }
        return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
    }
}
