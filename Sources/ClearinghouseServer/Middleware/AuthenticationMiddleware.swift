import ClearinghouseCore
import ClearinghouseStore
import Hummingbird
import Logging

/// Resolves the `Authorization: Bearer` token of `/v1` requests into the party making them.
///
/// A request without the header is anonymous. A header that is malformed, or a token that is unknown, expired or
/// revoked, or whose organization cannot be read, gets the one `unauthenticated` problem: callers cannot tell
/// these cases apart; the log can.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let store: Store
    let dependencies: Dependencies
    let authenticator = TokenAuthenticator()

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/"), let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        var context = context
        context.party = try await party(for: header, context: context)
        if let member = context.party.member {
            context.logger[metadataKey: "organization_id"] = .string(member.organizationID.rawValue)
            context.logger[metadataKey: "token_prefix"] = .string(member.token.prefix)
        }
        return try await next(request, context)
    }

    private func party(for header: String, context: Context) async throws -> Party {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer",
            let secret = TokenSecret(presented: parts[1].trimmingCharacters(in: .whitespaces))
        else {
            context.logger.info("authentication refused", metadata: ["reason": "malformed"])
            throw ClearinghouseError.unauthenticated
        }
        let stored = try await store.read { try await $0.tokens.findForAuthentication(prefix: secret.prefix) }
        let now = dependencies.now()
        switch authenticator.authenticate(secret, against: stored, now: now) {
        case .refused(let reason):
            context.logger.info(
                "authentication refused", metadata: ["reason": .string(reason.rawValue), "token_prefix": .string(secret.prefix)])
            throw ClearinghouseError.unauthenticated
        case .authenticated(let member, let recordUse):
            if recordUse {
                try await store.recordTokenUse(member.token.id, at: now)
            }
            return .member(member)
        }
    }
}
