/// The one place that decides who may see and do what.
///
/// Every read path (get, list, count, search, export, feed) calls ``read(_:by:)`` for each record it would
/// return, and every mutation calls ``authorize(_:by:)``. The rules, written out in `docs/access-policy.md`:
///
/// | label | who may read |
/// |---|---|
/// | CLEAR | anyone, anonymous callers included |
/// | GREEN | any member of a verified organization; the owner and listed participants |
/// | AMBER, AMBER+STRICT | the owner and listed participants; verified coordinators |
/// | RED | the owner and listed participants, with an admin or analyst token |
///
/// The policy is a pure function of its inputs: no clock, no store.
public struct AccessPolicy: Sendable {
    /// Creates the policy.
    public init() {}

    /// Decides whether a party may see a record.
    ///
    /// - Parameters:
    ///   - visibility: The record's label, owner and need-to-know list.
    ///   - party: Who is asking.
    /// - Returns: The decision and its reason.
    public func read(_ visibility: Visibility, by party: Party) -> AccessDecision {
        if visibility.label == .clear {
            return .granted(.publicRecord)
        }
        guard let member = party.member else {
            return .denied(.authenticationRequired)
        }
        if visibility.includes(member.organizationID) {
            if visibility.label == .red && member.role == .reader {
                return .denied(.redNeedsIndividual)
            }
            return .granted(.needToKnow)
        }
        switch visibility.label {
        case .clear:
            return .granted(.publicRecord)
        case .green:
            return member.organization.isVerified ? .granted(.community) : .denied(.unverifiedOrganization)
        case .amber, .amberStrict:
            return member.isCoordinator ? .granted(.coordinatorOversight) : .denied(.notOnNeedToKnowList)
        case .red:
            return .denied(.notOnNeedToKnowList)
        }
    }

    /// Decides whether a party may perform an action.
    ///
    /// A denial with reason `authenticationRequired` maps to 401, every other denial to 403; callers check that
    /// the target record is visible (404 otherwise) before they ask.
    ///
    /// - Parameters:
    ///   - action: What the party wants to do.
    ///   - party: Who is asking.
    /// - Returns: The decision and its reason.
    public func authorize(_ action: Action, by party: Party) -> AccessDecision {
        guard let member = party.member else {
            return .denied(.authenticationRequired)
        }
        switch action {
        case .createOrganization, .verifyOrganization:
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
        case .coordinateCases:
            guard member.isCoordinator else { return .denied(.coordinatorsOnly) }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .postCaseMessage(let target):
            guard case .granted = read(target.visibility, by: .member(member)) else {
                return .denied(.notOnNeedToKnowList)
            }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .setIntakePolicy:
            guard member.isCoordinator else { return .denied(.coordinatorsOnly) }
            return member.role == .admin ? .granted(.role) : .denied(.insufficientRole)
        case .decideSSVC(let subject):
            guard case .granted = read(subject, by: .member(member)) else {
                return .denied(.notOnNeedToKnowList)
            }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .readAudit, .importAdvisories, .importThreatFeeds, .readAdvisoryExposure:
            guard member.isCoordinator else { return .denied(.coordinatorsOnly) }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .manageSBOMs(let organization), .publishVEX(let organization):
            guard member.organizationID == organization else { return .denied(.otherOrganization) }
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .submitFindings:
            return member.role >= .analyst ? .granted(.role) : .denied(.insufficientRole)
        case .transitionCase(let target, let state):
            return transitionCase(target, to: state, by: member)
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

    private func manageTokens(of organization: Organization.ID, by member: Member) -> AccessDecision {
        guard member.organizationID == organization || member.isCoordinator else {
            return .denied(.otherOrganization)
        }
        return member.role == .admin ? .granted(.role) : .denied(.insufficientRole)
    }
}
