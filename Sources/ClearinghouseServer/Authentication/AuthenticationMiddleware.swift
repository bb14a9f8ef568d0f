import ClearinghouseCore
import ClearinghouseStore
import Hummingbird
import Logging

/// Resolves the `Authorization: Bearer` token of a request into the party making it; `RouteTable` puts it in front
/// of the `/v1` routes.
///
/// A request without the header is anonymous. A header that is malformed, or a token that is unknown, expired or
/// revoked, gets the one `unauthenticated` problem: callers cannot tell these cases apart; the log can.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let store: Store
    let cache: TokenCache
    let dependencies: Dependencies
    let authenticator = TokenAuthenticator()

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        var context = context
        let member = try await member(for: header, context: context)
        context.party = .member(member)
        context.notes.member = member
        return try await next(request, context)
    }

    private func member(for header: String, context: Context) async throws -> Member {
        guard let secret = Self.bearerToken(in: header) else {
            context.logger.info("authentication refused", metadata: ["reason": "malformed"])
            throw ClearinghouseError.unauthenticated
        }
        let now = dependencies.now()
        let store = self.store
        let stored = try await cache.resolve(prefix: secret.prefix, now: now) {
            try await store.read { try await $0.tokens.findForAuthentication(prefix: secret.prefix) }
        }
        switch authenticator.authenticate(secret, against: stored, now: now) {
        case .refused(let reason):
            context.logger.info(
                "authentication refused",
                metadata: ["reason": .string(reason.rawValue), "token_prefix": .string(secret.prefix)])
            throw ClearinghouseError.unauthenticated
        case .authenticated(let member, let recordUse):
            guard recordUse, var token = member.token,
                cache.claimUse(of: token.id, at: now, resolution: TokenAuthenticator.lastUsedResolution)
            else { return member }
            do {
                try await store.recordTokenUse(token.id, at: now)
            } catch {
                cache.releaseUse(of: token.id)
                throw error
            }
            token.lastUsedAt = now
            cache.noteUse(of: token.id, at: now)
            return Member(organization: member.organization, token: token)
        }
    }

    /// The token of an `Authorization: Bearer <token>` header: the scheme in any letter case, then spaces.
    static func bearerToken(in header: String) -> TokenSecret? {
        let scheme = "bearer"
        guard header.utf8.count > scheme.utf8.count,
            zip(header.utf8, scheme.utf8).allSatisfy({ $0 | 0x20 == $1 })
        else { return nil }
        let rest = header.utf8.dropFirst(scheme.utf8.count)
        guard rest.first == UInt8(ascii: " ") else { return nil }
        return TokenSecret(presented: Substring(rest.drop { $0 == UInt8(ascii: " ") }))
    }
}
