/// Organizations, their tokens and intake policies: coordinator admins register and verify organizations and set
/// intake policies; an organization's admins (or a coordinator's) manage its tokens; anyone may revoke the token it
/// holds.
extension Action {
    /// Register a new organization.
    public static let createOrganization = Action("organization.create") { _, member in
        member.needsCoordinator(.admin)
    }

    /// Mark an organization's identity as verified.
    public static let verifyOrganization = Action("organization.verify") { _, member in
        member.needsCoordinator(.admin)
    }

    /// Set an organization's intake quota and precision floor.
    public static let setIntakePolicy = Action("organization.set_intake_policy") { _, member in
        member.needsCoordinator(.admin)
    }

    /// Register the products a vendor's VEX statements may speak of for other organizations.
    public static let registerProducts = Action("vendor_products.set") { _, member in
        member.needsCoordinator(.admin)
    }

    /// Mint tokens for, or list the tokens of, an organization.
    public static func manageTokens(of organization: Organization.ID) -> Action {
        Action("token.manage") { policy, member in policy.manageTokens(of: organization, by: member) }
    }

    /// Invite people to, or list the people of, an organization: as for tokens, its admins or a coordinator's.
    public static func managePeople(of organization: Organization.ID) -> Action {
        Action("people.manage") { policy, member in policy.manageTokens(of: organization, by: member) }
    }

    /// Revoke a token.
    public static func revokeToken(_ token: APIToken.ID, of organization: Organization.ID) -> Action {
        Action("token.revoke") { policy, member in
            token == member.token?.id ? .granted(.ownToken) : policy.manageTokens(of: organization, by: member)
        }
    }

    /// See how much an organization reports and how much of it holds up.
    public static func readReporterQuality(of organization: Organization.ID) -> Action {
        Action("reporter.read_quality") { _, member in
            member.organizationID == organization || member.isCoordinator
                ? .granted(.role) : .denied(.otherOrganization)
        }
    }
}

extension AccessPolicy {
    fileprivate func manageTokens(of organization: Organization.ID, by member: Member) -> AccessDecision {
        guard member.organizationID == organization || member.isCoordinator else {
            return .denied(.otherOrganization)
        }
        return member.needs(.admin)
    }
}
