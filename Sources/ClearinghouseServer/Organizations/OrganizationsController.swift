import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Hummingbird

/// Registering, reading, listing and verifying organizations.
struct OrganizationsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/organizations", use: create)
        routes.on(.get, "/v1/organizations", use: list)
        routes.on(.get, "/v1/organizations/{id}", use: show)
        routes.on(.post, "/v1/organizations/{id}/verify", use: verify)
    }

    /// `POST /v1/organizations`: coordinator admins register an organization, pending verification.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await environment.authorizeMutation(
            .createOrganization, auditing: .organizationCreate, target: nil, context: context)
        let body = try await request.decodeJSON(
            CreateOrganizationBody.self, limit: environment.configuration.maximumBodySize)
        let organization = try await OrganizationWorkflows(environment.workflows).register(
            body.registration, by: environment.requester(context))
        return .json(organization, status: .created, headers: [.location: "/v1/organizations/\(organization.id)"])
    }

    /// `GET /v1/organizations`: the organizations the caller may see, in creation order.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let page = try request.pageRequest()
        return .json(try await OrganizationQueries(environment.workflows).list(page, by: environment.requester(context)))
    }

    /// `GET /v1/organizations/{id}`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await environment.visibleOrganization(context))
    }

    /// `POST /v1/organizations/{id}/verify`: coordinator admins vouch for an organization's identity.
    /// Verifying a verified organization changes nothing and answers it as it is.
    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context)
        try await environment.authorizeMutation(
            .verifyOrganization, auditing: .organizationVerify, target: .organization(organization.id),
            context: context)
        let body = try await request.decodeJSON(
            VerifyOrganizationBody.self, limit: environment.configuration.maximumBodySize)
        let note = try body.note.map { (text) throws(ClearinghouseError) in try Verification.validatedNote(text) }
        let verified = try await OrganizationWorkflows(environment.workflows).verify(
            organization, note: note, by: environment.requester(context))
        environment.tokenCache.forget(organization: organization.id)
        return .json(verified)
    }
}
