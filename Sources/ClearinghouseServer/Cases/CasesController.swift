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

    /// `GET /v1/cases`: the cases the caller may see, oldest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let page = try request.pageRequest()
        let store = environment.store
        let collector = VisiblePageCollector<Case>(
            policy: environment.policy, key: \.id.rawValue, visibility: \.visibility)
        let result = try await collector.collect(page, for: context.party) { after, limit in
            try await store.read { try await $0.cases.list(after: after, limit: limit) }
        }
        return .json(result)
    }

    /// `GET /v1/cases/{id}`: the case, its number of findings, its history and its validation jobs.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let (count, transitions, jobs) = try await environment.store.read { repositories in
            (
                try await repositories.cases.findingCount(of: found.id),
                try await repositories.cases.transitions(of: found.id),
                try await repositories.validation.jobs(ofCase: found.id)
            )
        }
        return .json(CaseBody(case: found, findingCount: count, transitions: transitions, jobs: jobs))
    }

    /// `GET /v1/cases/{id}/findings`: the case's findings, oldest first.
    @Sendable func findings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let page = try request.pageRequest()
        let store = environment.store
        let collector = VisiblePageCollector<Finding>(
            policy: environment.policy, key: \.id.rawValue, visibility: { $0.visibility(in: found) })
        let result = try await collector.collect(page, for: context.party) { after, limit in
            try await store.read { try await $0.findings.list(inCase: found.id, after: after, limit: limit) }
        }
        return .json(result)
    }

    /// `POST /v1/cases/{id}/transitions` with `{"state", "reason"}`: moves the case, if its state allows the move
    /// (409 otherwise) and the caller may make it (403 otherwise).
    @Sendable func transition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let body = try await request.decodeJSON(
            CaseTransitionBody.self, limit: environment.configuration.maximumBodySize)
        let state = try CaseState.parse(body.state, field: "state")
        let reason = try body.reason.map { (text) throws(ClearinghouseError) in
            try CaseTransition.validatedReason(text)
        }
        let moved = try await CaseWorkflows(environment.workflows).transition(
            found, to: state, reason: reason, by: environment.requester(context))
        return .json(moved)
    }
}

/// A case with its number of findings, its history and its validation jobs.
private struct CaseBody: JSONWritable {
    let `case`: Case
    let findingCount: Int
    let transitions: [CaseTransition]
    let jobs: [ValidationJob]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("case", `case`)
            json.field("findings", findingCount)
            json.field("transitions", transitions)
            json.field("validation_jobs", jobs)
        }
    }
}
