import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Hummingbird

/// Inviting people to an organization through the API: how an instance's first coordinator gets a person, and
/// how scripts bring in many.
struct InvitationsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/organizations/{id}/invitations", use: create)
        routes.on(.get, "/v1/organizations/{id}/invitations", use: list)
    }

    private var invitations: InvitationWorkflows {
        InvitationWorkflows(environment.workflows)
    }

    /// `POST /v1/organizations/{id}/invitations`: the organization's admins, or a coordinator admin, invite a
    /// person. The answer holds the link; it is never shown again.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context).id
        try await environment.authorizeMutation(
            .managePeople(of: organization), auditing: .personInvite, target: .organization(organization),
            context: context)
        let body = try await request.decodeJSON(
            CreateInvitationBody.self, limit: environment.configuration.maximumBodySize)
        let (invitation, secret) = try await invitations.invite(
            email: body.email, name: body.name, role: try TokenRole.parse(body.role, field: "role"),
            to: organization, by: environment.requester(context))
        return .json(IssuedInvitation(invitation: invitation, secret: secret), status: .created)
    }

    /// `GET /v1/organizations/{id}/invitations`: an organization's invitations, newest last, without their links.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context).id
        return .json(
            try await invitations.invitations(
                of: organization, try request.pageRequest(), by: environment.requester(context)))
    }
}

/// The body of `POST /v1/organizations/{id}/invitations`.
struct CreateInvitationBody: JSONRequestBody {
    let email: String
    let name: String
    let role: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case email, name, role
    }
}
