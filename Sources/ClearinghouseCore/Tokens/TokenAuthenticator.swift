public import Foundation

/// Decides whether a presented token authenticates a request, given what the store holds under its prefix.
public struct TokenAuthenticator: Sendable {
    /// How stale the recorded last-use time may get before a request updates it. Recording every use would turn
    /// every authenticated read into a write.
    public static let lastUsedResolution: TimeInterval = 60

    /// Why a token was refused. Callers answer all of them with the same 401; the reason goes to the log only.
    public enum Refusal: String, Sendable, Hashable {
        case malformed
        case unknown
        case mismatch
        case expired
        case revoked
    }

    /// The outcome of authentication.
    public enum Outcome: Sendable, Hashable {
        /// The token is valid; `recordUse` says whether its last-use time should be updated.
        case authenticated(Member, recordUse: Bool)
        case refused(Refusal)
    }

    /// Creates an authenticator.
    public init() {}

    /// Checks a presented token against the record found under its prefix.
    ///
    /// - Parameters:
    ///   - secret: The token as presented.
    ///   - stored: The token record with that prefix and its organization, or `nil` when there is none.
    ///   - now: The current time.
    public func authenticate(
        _ secret: TokenSecret, against stored: (token: APIToken, organization: Organization)?, now: Date
    ) -> Outcome {
        guard let (token, organization) = stored else { return .refused(.unknown) }
        guard constantTimeEquals(secret.hash, token.secretHash) else { return .refused(.mismatch) }
        if token.revokedAt != nil { return .refused(.revoked) }
        if token.expiresAt <= now { return .refused(.expired) }
        let recordUse = token.lastUsedAt.map { now.timeIntervalSince($0) >= Self.lastUsedResolution } ?? true
        return .authenticated(Member(organization: organization, token: token), recordUse: recordUse)
    }
}
