public import Foundation

/// An invitation for a person to join an organization: a link with a `chinv_` secret, shown once to whoever
/// invited them (no mail server needed), good for one use within ``lifetime``.
public struct Invitation: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<Invitation>

    /// How long an invitation stays open.
    public static let lifetime: TimeInterval = 7 * 24 * 3600

    public var id: ID
    public var organizationID: Organization.ID
    /// Normalized by ``Person/normalizedEmail(_:)``.
    public var email: String
    public var name: String
    public var role: TokenRole
    public var prefix: String
    public var secretHash: [UInt8]
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var revokedAt: Date?
    /// For a person already here whose sign-in an admin reset: the link sets their new password, rather than
    /// bringing someone new in.
    public var personID: Person.ID?

    public init(
        id: ID, organizationID: Organization.ID, email: String, name: String, role: TokenRole, prefix: String,
        secretHash: [UInt8], createdAt: Date, expiresAt: Date, acceptedAt: Date? = nil, revokedAt: Date? = nil,
        personID: Person.ID? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.email = email
        self.name = name
        self.role = role
        self.prefix = prefix
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.revokedAt = revokedAt
        self.personID = personID
    }

    /// Makes an invitation and its secret, checking the address and the name.
    ///
    /// - Throws: `invalid_field` on `email` or `name`.
    public static func issue(
        to email: String, name: String, role: TokenRole, organization: Organization.ID, dependencies: Dependencies
    ) throws(ClearinghouseError) -> (invitation: Invitation, secret: TokenSecret) {
        let email = try Person.normalizedEmail(email)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidField("name", "A person's name has 1 to 200 characters and no control characters.")
        }
        let secret = TokenSecret(.invitation, randomBytes: dependencies.randomBytes)
        let now = dependencies.now()
        let invitation = Invitation(
            id: dependencies.makeID(), organizationID: organization, email: email, name: name, role: role,
            prefix: secret.prefix, secretHash: secret.hash, createdAt: now,
            expiresAt: now.addingTimeInterval(lifetime))
        return (invitation, secret)
    }

    /// Makes the link that lets a person whose sign-in was reset choose a new password.
    public static func reset(for person: Person, dependencies: Dependencies) -> (invitation: Invitation, secret: TokenSecret) {
        let secret = TokenSecret(.invitation, randomBytes: dependencies.randomBytes)
        let now = dependencies.now()
        let invitation = Invitation(
            id: dependencies.makeID(), organizationID: person.organizationID, email: person.email, name: person.name,
            role: person.role, prefix: secret.prefix, secretHash: secret.hash, createdAt: now,
            expiresAt: now.addingTimeInterval(lifetime), personID: person.id)
        return (invitation, secret)
    }

    /// An invitation's record shares its organization's visibility, as a token's does.
    public var visibility: Visibility {
        Visibility(label: .amberStrict, owner: organizationID, participants: [])
    }

    /// Whether a presented secret opens this invitation now: the secret matches, and the invitation is neither
    /// used, revoked nor expired.
    public func isOpened(by secret: TokenSecret, at now: Date) -> Bool {
        secret.kind == .invitation && constantTimeEquals(secret.hash, secretHash) && acceptedAt == nil
            && revokedAt == nil && now < expiresAt
    }
}
