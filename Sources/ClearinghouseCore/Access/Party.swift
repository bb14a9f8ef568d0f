/// Who is asking: nobody in particular, or a member organization acting through one of its API tokens or people.
///
/// Indirect, so that request contexts, which carry a party through every middleware, stay small to copy.
public indirect enum Party: Sendable, Hashable {
    /// A caller without credentials. Sees TLP:CLEAR records only.
    case anonymous
    /// A caller authenticated by an API token or a person's session of a member organization.
    case member(Member)

    /// The member, when the party is one.
    public var member: Member? {
        if case .member(let member) = self { member } else { nil }
    }
}

/// An organization acting through one of its API tokens, or through one of its people signed in to the web
/// interface, as the access policy sees it.
public struct Member: Sendable, Hashable {
    /// How the member proved who it is.
    public enum Credential: Sendable, Hashable {
        /// An API token, for machines.
        case token(APIToken)
        /// A person's web session.
        case person(Person)
    }

    /// The organization on whose behalf the member acts.
    public var organization: Organization
    public var credential: Credential

    /// A member acting through an API token.
    public init(organization: Organization, token: APIToken) {
        self.organization = organization
        self.credential = .token(token)
    }

    /// A member acting through a person of the organization.
    public init(organization: Organization, person: Person) {
        self.organization = organization
        self.credential = .person(person)
    }

    public var organizationID: Organization.ID { organization.id }

    /// The token that authenticated the request, when one did.
    public var token: APIToken? {
        if case .token(let token) = credential { token } else { nil }
    }

    /// The person acting, when a person is.
    public var person: Person? {
        if case .person(let person) = credential { person } else { nil }
    }

    /// The role of the token or person: people and tokens have the same roles.
    public var role: TokenRole {
        switch credential {
        case .token(let token): token.role
        case .person(let person): person.role
        }
    }

    /// A verified coordinator organization: the clearinghouse's own staff, with oversight of all but RED.
    public var isCoordinator: Bool { organization.isVerifiedCoordinator }
}
