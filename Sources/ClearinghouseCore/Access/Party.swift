/// Who is asking: nobody in particular, or a member organization acting through one of its API tokens.
///
/// Indirect, so that request contexts, which carry a party through every middleware, stay small to copy.
public indirect enum Party: Sendable, Hashable {
    /// A caller without credentials. Sees TLP:CLEAR records only.
    case anonymous
    /// A caller authenticated by an API token of a member organization.
    case member(Member)

    /// The member, when the party is one.
    public var member: Member? {
        if case .member(let member) = self { member } else { nil }
    }
}

/// An organization acting through one of its API tokens, as the access policy sees it.
public struct Member: Sendable, Hashable {
    /// The organization on whose behalf the token acts.
    public var organization: Organization
    /// The token that authenticated the request.
    public var token: APIToken

    /// Creates a member from an organization and the token that acts for it.
    public init(organization: Organization, token: APIToken) {
        self.organization = organization
        self.token = token
    }

    public var organizationID: Organization.ID { organization.id }
    public var role: TokenRole { token.role }

    /// A verified coordinator organization: the clearinghouse's own staff, with oversight of all but RED.
    public var isCoordinator: Bool { organization.isVerifiedCoordinator }
}
