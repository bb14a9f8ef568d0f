/// Findings and cases: any analyst submits findings; coordinators coordinate cases; those who may see a case write
/// to its participants; who may move a case depends on the move.
extension Action {
    /// Submit findings, and upload the artifacts that prove them, on behalf of one's organization.
    public static let submitFindings = Action("finding.submit") { _, member in member.needs(.analyst) }

    /// Change who is on a case's need-to-know list, merge cases, split one.
    public static let coordinateCases = Action("case.coordinate") { _, member in member.needsCoordinator(.analyst) }

    /// Write to a case's participants.
    public static func postCaseMessage(_ target: Case) -> Action {
        Action("case.post_message") { policy, member in
            guard policy.read(target.visibility, by: .member(member)).isGranted else {
                return .denied(.notOnNeedToKnowList)
            }
            return member.needs(.analyst)
        }
    }

    /// Move a case to another state.
    public static func transitionCase(_ target: Case, to state: CaseState) -> Action {
        Action("case.transition") { policy, member in policy.transitionCase(target, to: state, by: member) }
    }
}

extension AccessPolicy {
    /// Coordinators triage, judge and disclose; the first reporter may withdraw; a vendor on the case's
    /// need-to-know list reports remediation and fixes. Each with an analyst or admin token.
    fileprivate func transitionCase(_ target: Case, to state: CaseState, by member: Member) -> AccessDecision {
        let allowed: Bool
        if member.isCoordinator {
            allowed = true
        } else if state == .withdrawn {
            allowed = member.organizationID == target.owner
        } else if state == .remediating || state == .fixed {
            allowed = member.isVendor(on: target)
        } else {
            allowed = false
        }
        guard allowed else { return .denied(.coordinatorsOnly) }
        return member.needs(.analyst)
    }
}
