import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport

/// Cases: listing and reading them, their findings and history, and moving them through their states.
struct CasesController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/cases", use: list)
        routes.on(.get, "/v1/cases/{id}", use: show)
        routes.on(.get, "/v1/cases/{id}/findings", use: findings)
        routes.on(.post, "/v1/cases/{id}/transitions", use: transition)
    }

    var queries: CaseQueries { CaseQueries(environment.workflows) }

    /// `GET /v1/cases`: the cases the caller may see, oldest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        return .json(try await queries.list(try request.pageRequest(), by: environment.requester(context)))
    }

    /// `GET /v1/cases/{id}`: the case, its number of findings, its history and its validation jobs.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id: Case.ID = try context.parameters.identifier("id", of: "case")
        return .json(CaseBody(try await queries.detail(id, by: environment.requester(context))))
    }

    /// `GET /v1/cases/{id}/findings`: the case's findings, oldest first.
    @Sendable func findings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let page = try request.pageRequest()
        return .json(try await queries.findings(of: found, page, by: environment.requester(context)))
    }

    /// `POST /v1/cases/{id}/transitions` with `{"state", "reason", "proof"}`: moves the case, if its state allows the
    /// move (409 otherwise) and the caller may make it (403 otherwise); a triage may choose the proof validators run.
    @Sendable func transition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let body = try await request.decodeJSON(
            CaseTransitionBody.self, limit: environment.configuration.maximumBodySize)
        let state = try CaseState.parse(body.state, field: "state")
        let reason = try body.reason.map { (text) throws(ClearinghouseError) in
            try CaseTransition.validatedReason(text)
        }
        let proof = try body.proof.map { (text) throws(ClearinghouseError) in
            guard let digest = ArtifactDigest(text) else {
                throw .invalidField("proof", "`proof` must be an artifact digest such as `sha256:` and 64 hex digits.")
            }
            return digest
        }
        let moved = try await CaseWorkflows(environment.workflows).transition(
            found, to: state, reason: reason, proof: proof, by: environment.requester(context))
        return .json(moved)
    }
}

/// A case with its number of findings, its history and its validation jobs.
private struct CaseBody: JSONWritable {
    let detail: CaseQueries.Detail

    init(_ detail: CaseQueries.Detail) {
        self.detail = detail
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("case", detail.case)
            json.field("findings", detail.findingCount)
            json.field("transitions", detail.transitions)
            json.field("validation_jobs", detail.jobs)
        }
    }
}
