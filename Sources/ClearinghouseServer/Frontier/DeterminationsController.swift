import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Designation requests, determinations and their sign-offs.
struct DeterminationsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/models/{id}/designation-requests", use: request)
        routes.on(.get, "/v1/models/{id}/designation-requests", use: listRequests)
        routes.on(.post, "/v1/models/{id}/determinations", use: record)
        routes.on(.get, "/v1/models/{id}/determinations", use: listDeterminations)
        routes.on(.get, "/v1/determinations/{id}", use: show)
        routes.on(.post, "/v1/determinations/{id}/sign-offs", use: signOff)
    }

    private var determinations: DeterminationWorkflows { DeterminationWorkflows(environment.workflows) }

    /// `POST /v1/models/{id}/designation-requests`: the developer's analysts and admins; 201.
    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        let model = try modelID(context)
        let found = try await ModelWorkflows(environment.workflows).model(model, by: requester)
        try await environment.authorizeMutation(
            .requestDesignation(of: found.developer), auditing: .designationRequest, target: .model(model),
            context: context)
        let body = try await request.decodeJSON(
            DesignationRequestBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            try await determinations.request(
                model, evaluations: try body.evaluations(), note: body.note, by: requester),
            status: .created)
    }

    @Sendable func listRequests(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(
            try await determinations.requests(
                of: try modelID(context), try request.pageRequest(), by: environment.requester(context)))
    }

    /// `POST /v1/models/{id}/determinations`: a designation authority's analysts and admins; 201.
    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let requester = environment.requester(context)
        let model = try modelID(context)
        _ = try await ModelWorkflows(environment.workflows).model(model, by: requester)
        let isAuthority = try await DesignationAuthorityWorkflows.holdsRole(
            member.organizationID, in: environment.workflows)
        try await environment.authorizeMutation(
            .recordDetermination(isAuthority: isAuthority), auditing: .determinationRecord, target: .model(model),
            context: context)
        let body = try await request.decodeJSON(
            DeterminationBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            try await determinations.record(
                model, try body.recording(), alwaysConsulted: environment.configuration.designationConsultees,
                by: requester), status: .created)
    }

    @Sendable func listDeterminations(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(
            try await determinations.determinations(
                of: try modelID(context), try request.pageRequest(), by: environment.requester(context)))
    }

    /// `GET /v1/determinations/{id}`: whoever sees the model, and the organizations consulted.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(
            try await determinations.determination(try determinationID(context), by: environment.requester(context)))
    }

    /// `POST /v1/determinations/{id}/sign-offs` with `{"position", "note"}`: a consulted organization's analysts and
    /// admins, once.
    @Sendable func signOff(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        let id = try determinationID(context)
        let found = try await determinations.determination(id, by: requester)
        try await environment.authorizeMutation(
            .signOffDetermination(consulted: Set(found.determination.consulted)), auditing: .determinationSignOff,
            target: .determination(id), context: context)
        let body = try await request.decodeJSON(SignOffBody.self, limit: environment.configuration.maximumBodySize)
        return .json(
            try await determinations.signOff(id, position: try body.checkedPosition(), note: body.note, by: requester),
            status: .created)
    }

    private func modelID(_ context: AppRequestContext) throws -> FrontierModel.ID {
        try context.parameters.identifier("id", of: "model")
    }

    private func determinationID(_ context: AppRequestContext) throws -> Determination.ID {
        try context.parameters.identifier("id", of: "determination")
    }
}
