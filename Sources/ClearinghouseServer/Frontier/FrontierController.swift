import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The frontier-model framework: designation authorities, registered models, pre-registered threshold policies.
struct FrontierController {
    let environment: APIEnvironment

    /// The largest policy document accepted.
    static let maximumPolicySize = 1 << 20

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/designation-authorities", use: listAuthorities)
        routes.on(.post, "/v1/designation-authorities", use: addAuthority)
        routes.on(.delete, "/v1/designation-authorities/{id}", use: removeAuthority)
        routes.on(.post, "/v1/models", use: registerModel)
        routes.on(.get, "/v1/models", use: listModels)
        routes.on(.get, "/v1/models/{id}", use: showModel)
        routes.on(.post, "/v1/models/{id}/release", use: recordRelease)
        routes.on(.post, "/v1/models/{id}/withdraw", use: withdraw)
        routes.on(.post, "/v1/threshold-policies", use: registerPolicy)
        routes.on(.get, "/v1/threshold-policies", use: listPolicies)
        routes.on(.get, "/v1/threshold-policies/{id}", use: showPolicy)
        routes.on(.put, "/v1/threshold-policies/{id}", use: editPolicy)
    }

    private var authorities: DesignationAuthorityWorkflows { DesignationAuthorityWorkflows(environment.workflows) }
    private var models: ModelWorkflows { ModelWorkflows(environment.workflows) }
    private var policies: ThresholdPolicyWorkflows { ThresholdPolicyWorkflows(environment.workflows) }

    // MARK: Designation authorities

    /// `GET /v1/designation-authorities`: every verified member.
    @Sendable func listAuthorities(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(Page(items: try await authorities.list(by: environment.requester(context)), nextCursor: nil))
    }

    /// `POST /v1/designation-authorities` with `{"organization_id"}`: verified coordinators' admins; 201.
    @Sendable func addAuthority(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await environment.authorizeMutation(
            .manageDesignationAuthorities, auditing: .designationAuthorityAdd, target: nil, context: context)
        let body = try await request.decodeJSON(
            DesignationAuthorityBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            try await authorities.add(try body.organization(), by: environment.requester(context)), status: .created)
    }

    /// `DELETE /v1/designation-authorities/{id}`: verified coordinators' admins; 204.
    @Sendable func removeAuthority(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id: Organization.ID = try context.parameters.identifier("id", of: "designation authority")
        try await authorities.remove(id, by: environment.requester(context))
        return Response(status: .noContent)
    }

    // MARK: Models

    /// `POST /v1/models`: analysts and admins of verified AI developers; 201.
    @Sendable func registerModel(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await environment.authorizeMutation(.registerModel, auditing: .modelRegister, target: nil, context: context)
        let body = try await request.decodeJSON(
            ModelRegistrationBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            try await models.register(try body.registration(), by: environment.requester(context)), status: .created)
    }

    /// `GET /v1/models`: the organization's models; every model for designation authorities.
    @Sendable func listModels(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await models.models(try request.pageRequest(), by: environment.requester(context)))
    }

    @Sendable func showModel(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await models.model(try modelID(context), by: environment.requester(context)))
    }

    /// `POST /v1/models/{id}/release` with `{"released_at"}` (now when empty): the developer's analysts and admins.
    @Sendable func recordRelease(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id = try modelID(context)
        let requester = environment.requester(context)
        let found = try await models.model(id, by: requester)
        try await environment.authorizeMutation(
            .actOnModel(of: found.developer), auditing: .modelRelease, target: .model(id), context: context)
        let body = try await request.decodeJSON(ModelReleaseBody.self, limit: environment.configuration.maximumBodySize)
        return .json(try await models.recordRelease(id, at: body.releasedAt, by: requester))
    }

    /// `POST /v1/models/{id}/withdraw`: the developer's analysts and admins, at any stage.
    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await models.withdraw(try modelID(context), by: environment.requester(context)))
    }

    // MARK: Threshold policies

    /// `POST /v1/threshold-policies` with the policy document as the body: designation authorities' admins; 201.
    @Sendable func registerPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let isAuthority = try await DesignationAuthorityWorkflows.holdsRole(
            member.organizationID, in: environment.workflows)
        try await environment.authorizeMutation(
            .registerThresholdPolicy(isAuthority: isAuthority), auditing: .thresholdPolicyRegister, target: nil,
            context: context)
        let document = try await request.collectJSONDocument(limit: Self.maximumPolicySize, kind: "threshold policy")
        return .json(try await policies.register(document, by: environment.requester(context)), status: .created)
    }

    /// `GET /v1/threshold-policies`: every verified member.
    @Sendable func listPolicies(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await policies.policies(try request.pageRequest(), by: environment.requester(context)))
    }

    @Sendable func showPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await policies.policy(try policyID(context), by: environment.requester(context)))
    }

    /// `PUT /v1/threshold-policies/{id}`: always 409 for a policy the caller may see, and the attempt recorded.
    @Sendable func editPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await policies.refuseEdit(try policyID(context), by: environment.requester(context))
    }

    private func modelID(_ context: AppRequestContext) throws -> FrontierModel.ID {
        try context.parameters.identifier("id", of: "model")
    }

    private func policyID(_ context: AppRequestContext) throws -> RegisteredThresholdPolicy.ID {
        try context.parameters.identifier("id", of: "threshold policy")
    }
}
