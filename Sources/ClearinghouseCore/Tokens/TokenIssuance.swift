public import Foundation

/// What a caller asks for when minting a token, before validation.
public struct TokenRequest: Sendable, Hashable {
    public var role: String
    public var name: String?
    public var expiresAt: Date?

    /// Creates a token request from caller input.
    public init(role: String, name: String?, expiresAt: Date?) {
        self.role = role
        self.name = name
        self.expiresAt = expiresAt
    }

    /// How long a token lives when the request names no expiry.
    public static let defaultLifetime: TimeInterval = 90 * 86_400
    /// The longest lifetime a token may have.
    public static let maximumLifetime: TimeInterval = 366 * 86_400

    /// Checks the request and mints a token.
    ///
    /// - Parameters:
    ///   - organization: The organization the token will act for.
    ///   - createdBy: The token that asks, if any.
    ///   - dependencies: The clock and randomness.
    /// - Returns: The token's record and its text, which must be shown once and then forgotten.
    /// - Throws: `ClearinghouseError.invalidField` for an unknown role, a bad name, or an expiry in the past or
    ///   too far ahead.
    public func issue(
        for organization: Organization.ID, createdBy: APIToken.ID?, dependencies: Dependencies
    ) throws(ClearinghouseError) -> IssuedToken {
        let role = try TokenRole.parse(self.role, field: "role")
        let name = try self.name.map { (text) throws(ClearinghouseError) in
            try TextRules.singleLine(text, field: "name", maximumLength: 200)
        }
        let now = dependencies.now()
        let expiresAt = self.expiresAt ?? now.addingTimeInterval(Self.defaultLifetime)
        guard expiresAt > now else {
            throw .invalidField("expires_at", "`expires_at` must be in the future.")
        }
        guard expiresAt.timeIntervalSince(now) <= Self.maximumLifetime else {
            throw .invalidField("expires_at", "`expires_at` may be at most 366 days ahead; mint a new token instead.")
        }
        let secret = TokenSecret(randomBytes: dependencies.randomBytes)
        let token = APIToken(
            id: dependencies.makeID(), organizationID: organization, name: name, prefix: secret.prefix,
            secretHash: secret.hash, role: role, createdAt: now, expiresAt: expiresAt, createdBy: createdBy)
        return IssuedToken(token: token, secret: secret)
    }
}

/// A freshly minted token: its record, for the store, and its text, for the caller, once.
public struct IssuedToken: Sendable {
    public var token: APIToken
    public var secret: TokenSecret
}
