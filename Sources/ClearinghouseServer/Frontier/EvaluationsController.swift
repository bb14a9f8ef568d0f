import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Evaluations of registered models: submitted as logs, listed with the model, judged by a pre-registered policy.
struct EvaluationsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/models/{id}/evaluations", use: submit)
        routes.on(.get, "/v1/models/{id}/evaluations", use: list)
        routes.on(.get, "/v1/evaluations/{id}", use: show)
        routes.on(.get, "/v1/evaluations/{id}/judgement", use: judge)
    }

    private var evaluations: EvaluationWorkflows { EvaluationWorkflows(environment.workflows) }

    /// `POST /v1/models/{id}/evaluations?suite=NAME` with the log file as the body (an Inspect `.eval` or `.json`,
    /// or the native format): the developer's analysts and admins, or a designation authority's; 201.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let requester = environment.requester(context)
        let id: FrontierModel.ID = try context.parameters.identifier("id", of: "model")
        // Who may submit is settled before a byte of the (large) body is read.
        let model = try await ModelWorkflows(environment.workflows).model(id, by: requester)
        let isAuthority = try await DesignationAuthorityWorkflows.holdsRole(
            member.organizationID, in: environment.workflows)
        try await environment.authorizeMutation(
            .submitEvaluation(of: model.developer, isAuthority: isAuthority), auditing: .evaluationSubmit,
            target: .model(id), context: context)
        let data = try await request.collect(
            limit: environment.configuration.maximumEvaluationLogSize, describing: "the evaluation log")
        guard !data.isEmpty else {
            throw ClearinghouseError(.invalidRequest, "The request needs the evaluation log's bytes as its body.")
        }
        let suite = request.uri.queryParameters["suite"].map(String.init)
        let evaluation = try await evaluations.submit(data, model: id, suite: suite, by: requester)
        return .json(EvaluationView(evaluation: evaluation, model: model), status: .created)
    }

    /// `GET /v1/models/{id}/evaluations`: whoever sees the model.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id: FrontierModel.ID = try context.parameters.identifier("id", of: "model")
        let (page, model) = try await evaluations.evaluations(
            of: id, try request.pageRequest(), by: environment.requester(context))
        return .json(
            Page(items: page.items.map { EvaluationView(evaluation: $0, model: model) }, nextCursor: page.nextCursor))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let (evaluation, model) = try await evaluations.evaluation(
            try evaluationID(context), by: environment.requester(context))
        return .json(EvaluationView(evaluation: evaluation, model: model))
    }

    /// `GET /v1/evaluations/{id}/judgement?policy=ID`: whoever sees the model and the policy.
    @Sendable func judge(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        guard let text = request.uri.queryParameters["policy"], let policy = RegisteredThresholdPolicy.ID(String(text))
        else { throw ClearinghouseError.invalidField("policy", "`policy` is a pre-registered threshold policy's id.") }
        return .json(
            try await evaluations.judgement(
                of: try evaluationID(context), by: policy, requester: environment.requester(context)))
    }

    private func evaluationID(_ context: AppRequestContext) throws -> SubmittedEvaluation.ID {
        try context.parameters.identifier("id", of: "evaluation")
    }
}
