import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The priority queue, and the SSVC decisions that order it.
struct PrioritiesController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/priorities", use: priorities)
        routes.on(.post, "/v1/ssvc-decisions", use: decide)
        routes.on(.get, "/v1/ssvc-decisions", use: decisions)
    }

    var priorities: PriorityWorkflows {
        PriorityWorkflows(environment.workflows, catalogs: environment.catalogs)
    }

    /// `GET /v1/priorities[?kind=case|advisory][&tier=act|attend|track*|track|unassessed][&limit][&cursor]`: the
    /// open cases and exposed advisories the caller may see, ranked, each with its explanation and due date.
    @Sendable func priorities(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let page = try request.pageRequest()
        let query = request.uri.queryParameters
        let kind = try query["kind"].map { (text) throws(ClearinghouseError) -> PrioritySubject.Kind in
            guard let kind = PrioritySubject.Kind(rawValue: String(text)) else {
                throw .invalidField("kind", "`kind` is `case` or `advisory`, not `\(text)`.")
            }
            return kind
        }
        let tierFilter = try query["tier"].map { (text) throws(ClearinghouseError) -> PriorityTier? in
            if text.lowercased() == "unassessed" { return nil }
            guard let tier = PriorityTier(name: String(text)) else {
                throw .invalidField("tier", "`tier` is act, attend, track*, track or unassessed, not `\(text)`.")
            }
            return tier
        }
        let offset =
            try page.after.map { (text) throws(ClearinghouseError) -> Int in
                guard let offset = Int(text), offset >= 0 else {
                    throw ClearinghouseError(.invalidCursor, "`cursor` is not one this route issued.", field: "cursor")
                }
                return offset
            } ?? 0
        let queue = try await priorities.queue(
            for: environment.requester(context), kind: kind, tier: tierFilter, offset: offset, limit: page.limit)
        return .json(
            PriorityQueueBody(
                generatedAt: queue.generatedAt, policy: queue.policy, total: queue.total, items: queue.items,
                nextCursor: queue.nextOffset.map { Cursor.encode(String($0)) }))
    }

    /// `POST /v1/ssvc-decisions`: records a decision about a case or advisory the caller may see; answers 201
    /// with the decision and its outcome.
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let body = try await request.decodeJSON(SSVCDecisionBody.self, limit: environment.configuration.maximumBodySize)
        let decision = try await priorities.decide(
            about: try body.subject(), table: body.table,
            inputs: body.inputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, rationale: body.rationale,
            by: environment.requester(context))
        return .json(
            SSVCDecisionJSON(decision: decision, decidedByCoordinator: member.isCoordinator), status: .created)
    }

    /// `GET /v1/ssvc-decisions?case_id=…|advisory_id=…`: the decisions about a subject that the caller may see,
    /// oldest first.
    @Sendable func decisions(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let query = request.uri.queryParameters
        let subject = try SSVCDecisionBody.subject(
            caseID: query["case_id"].map(String.init), advisoryID: query["advisory_id"].map(String.init))
        let visible = try await priorities.decisions(about: subject, by: environment.requester(context))
        return .json(
            SSVCDecisionListBody(
                decisions: visible.map { SSVCDecisionJSON(decision: $0.decision, decidedByCoordinator: $0.byCoordinator) }))
    }
}
