import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Hummingbird

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
        try await environment.authorizeMutation(
            .transitionCase(found, to: state), auditing: .caseTransition, target: .case(found.id), context: context)
        let dependencies = environment.dependencies
        let quorum = environment.configuration.validationQuorum
        let transition = CaseTransition(
            id: dependencies.makeID(), caseID: found.id, from: found.state, to: state, actor: .api(context.party),
            reason: reason, occurredAt: dependencies.now())
        let event = environment.auditEvent(
            .caseTransition, target: .case(found.id), context: context,
            detail: "\(found.state.rawValue) → \(state.rawValue)")
        try await environment.write(event) { repositories -> ((), [LogEntryDraft]) in
            // Read again inside the transaction: another request may have moved the case meanwhile.
            guard let current = try await repositories.cases.find(found.id) else {
                throw ClearinghouseError.notFound("case")
            }
            if let target = current.mergedInto {
                throw ClearinghouseError(.conflict, "The case was merged into case \(target); move that one instead.")
            }
            try current.state.checkTransition(to: state)
            var applied = transition
            applied.from = current.state
            try await repositories.cases.apply(applied)
            if state == .triaged {
                try await Self.openReproduction(
                    of: current.id, quorum: quorum, repositories: repositories, dependencies: dependencies)
            }
            return ((), [LogEntryDraft.caseTransitioned(applied, of: current, dependencies: dependencies)])
        }
        var moved = found
        moved.state = state
        moved.updatedAt = transition.occurredAt
        return .json(moved)
    }

    /// A triaged case goes to validators: a job to reproduce its proof opens, unless one is open already (a
    /// rejected case triaged again gets a new one).
    private static func openReproduction(
        of caseID: Case.ID, quorum: Int, repositories: Repositories, dependencies: Dependencies
    ) async throws {
        let jobs = try await repositories.validation.jobs(ofCase: caseID)
        guard !jobs.contains(where: { $0.kind == .reproduce && $0.isOpen }) else { return }
        let (target, artifact) = try await repositories.cases.evidence(of: caseID)
        try await repositories.validation.insert(
            ValidationJob(
                id: dependencies.makeID(), caseID: caseID, kind: .reproduce, target: target, artifact: artifact,
                quorum: quorum, createdAt: dependencies.now()))
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
