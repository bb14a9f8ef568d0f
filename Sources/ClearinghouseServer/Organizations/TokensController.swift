import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Hummingbird

/// Minting, listing and revoking API tokens.
struct TokensController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/organizations/{id}/tokens", use: create)
        routes.on(.get, "/v1/organizations/{id}/tokens", use: list)
        routes.on(.delete, "/v1/tokens/{id}", use: revoke)
    }

    /// `POST /v1/organizations/{id}/tokens`: the organization's admins, or a coordinator admin, mint a token. The
    /// answer holds the token text; it is never shown again.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context).id
        try await environment.authorizeMutation(
            .manageTokens(of: organization), auditing: .tokenCreate, target: .organization(organization),
            context: context)
        let body = try await request.decodeJSON(CreateTokenBody.self, limit: environment.configuration.maximumBodySize)
        let issued = try await OrganizationWorkflows(environment.workflows).mintToken(
            body.request, for: organization, by: environment.requester(context))
        return .json(issued, status: .created)
    }

    /// `GET /v1/organizations/{id}/tokens`: the records of an organization's tokens, for its admins and
    /// coordinator admins.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context).id
        let requester = environment.requester(context)
        try await environment.workflows.gate.authorize(.manageTokens(of: organization), by: requester)
        let page = try request.pageRequest()
        return .json(try await OrganizationQueries(environment.workflows).tokens(of: organization, page, by: requester))
    }

    /// `DELETE /v1/tokens/{id}`: revokes a token at once. Revoking a revoked token changes nothing.
    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id: APIToken.ID = try context.parameters.identifier("id", of: "token")
        try await environment.revokeToken(id, by: environment.requester(context))
        return Response(status: .noContent)
    }
}
