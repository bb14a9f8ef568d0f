public import Foundation

/// An API token's record: everything about it but its secret, which is kept only as a SHA-256 hash.
public struct APIToken: Sendable, Hashable, Identifiable {
    /// The identifier of a token.
    public typealias ID = Identifier<APIToken>

    public var id: ID
    public var organizationID: Organization.ID
    /// A label that says what the token is for, for example "CI scanner".
    public var name: String?
    /// The public part of the token, used to look it up; safe to show and log.
    public var prefix: String
    /// SHA-256 of the whole token text.
    public var secretHash: [UInt8]
    public var role: TokenRole
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    /// When the token last authenticated a request, to the minute (see ``TokenAuthenticator/lastUsedResolution``).
    public var lastUsedAt: Date?
    /// The token that minted this one; `nil` for tokens made by `admin bootstrap`.
    public var createdBy: ID?

    /// Creates a token record.
    public init(
        id: ID, organizationID: Organization.ID, name: String?, prefix: String, secretHash: [UInt8], role: TokenRole,
        createdAt: Date, expiresAt: Date, revokedAt: Date? = nil, lastUsedAt: Date? = nil, createdBy: ID? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.prefix = prefix
        self.secretHash = secretHash
        self.role = role
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
        self.createdBy = createdBy
    }

    /// A token's record shares its organization's visibility.
    public var visibility: Visibility {
        Visibility(label: .amberStrict, owner: organizationID, participants: [])
    }
}
