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
        return action.rule(self, member)
    }
}
