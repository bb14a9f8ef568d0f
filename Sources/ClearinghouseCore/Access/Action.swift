/// Something a party wants to do, other than reading a shareable record, with the rule that decides it.
///
/// Each feature declares its actions beside its part of the policy (`AccessPolicy+Cases.swift` …), so a new
/// feature adds its actions without touching a shared list. Anonymous parties may do none of them; the rule decides
/// for members.
public struct Action: Sendable, CustomStringConvertible {
    /// A name for logs and test output, such as `case.transition`.
    public let name: String
    let rule: @Sendable (AccessPolicy, Member) -> AccessDecision

    /// Declares an action.
    ///
    /// - Parameters:
    ///   - name: A name for logs and test output.
    ///   - rule: Decides whether a member may perform it.
    init(_ name: String, rule: @escaping @Sendable (AccessPolicy, Member) -> AccessDecision) {
        self.name = name
        self.rule = rule
    }

    public var description: String { name }
}

extension Member {
    /// Granted when the member's token has at least this role.
    func needs(_ minimum: TokenRole) -> AccessDecision {
        role >= minimum ? .granted(.role) : .denied(.insufficientRole)
    }

    /// Granted to analysts and admins of the organization itself.
    func ownOrganization(_ organization: Organization.ID) -> AccessDecision {
        organizationID == organization ? needs(.analyst) : .denied(.otherOrganization)
    }

    /// Granted to members of verified organizations whose token has at least this role.
    func needsVerified(_ minimum: TokenRole) -> AccessDecision {
        organization.isVerified ? needs(minimum) : .denied(.unverifiedOrganization)
    }

    /// Granted to verified coordinators whose token has at least this role.
    func needsCoordinator(_ minimum: TokenRole) -> AccessDecision {
        isCoordinator ? needs(minimum) : .denied(.coordinatorsOnly)
    }
}
