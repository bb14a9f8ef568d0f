import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The priority queue, and the SSVC decisions that order it.
struct PrioritiesController {
    let environment: APIEnvironment
    let advisories: AdvisoryCatalog
    let exposure: ExposureCatalog

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/priorities", use: priorities)
        routes.on(.post, "/v1/ssvc-decisions", use: decide)
        routes.on(.get, "/v1/ssvc-decisions", use: decisions)
    }

    /// `GET /v1/priorities[?kind=case|advisory][&tier=act|attend|track*|track|unassessed][&limit][&cursor]`: the
    /// open cases and exposed advisories the caller may see, ranked, each with its explanation and due date.
    @Sendable func priorities(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let page = try request.pageRequest()
        let query = request.uri.queryParameters
        let kind = query["kind"].map(String.init)
        if let kind, kind != "case" && kind != "advisory" {
            throw ClearinghouseError.invalidField("kind", "`kind` is `case` or `advisory`, not `\(kind)`.")
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
        let board = PriorityBoard(environment: environment, advisories: advisories, exposure: exposure)
        let candidates = try await board.candidates(for: member, party: context.party, kind: kind)
        let now = environment.dependencies.now()
        let ranked = PriorityQueue.order(candidates, policy: environment.configuration.priorityPolicy, now: now)
            .filter { item in tierFilter.map { $0 == item.tier } ?? true }
        let items = Array(ranked.dropFirst(offset).prefix(page.limit))
        let next = offset + items.count < ranked.count ? Cursor.encode(String(offset + items.count)) : nil
        return .json(
            PriorityQueueBody(
                generatedAt: now, policy: environment.configuration.priorityPolicy, total: ranked.count, items: items,
                nextCursor: next))
    }

    /// `POST /v1/ssvc-decisions`: records a decision about a case or advisory the caller may see; answers 201
    /// with the decision and its outcome.
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let body = try await request.decodeJSON(SSVCDecisionBody.self, limit: environment.configuration.maximumBodySize)
        let subject = try body.subject()
        let visibility = try await visibility(of: subject, context: context)
        try await environment.authorizeMutation(
            .decideSSVC(about: visibility), auditing: .ssvcDecide, target: nil, context: context)
        let decision = try SSVCDecision.decide(
            id: environment.dependencies.makeID(), subject: subject, table: body.table,
            inputs: body.inputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, rationale: body.rationale,
            by: .api(context.party), at: environment.dependencies.now())
        let event = environment.auditEvent(
            .ssvcDecide, target: .ssvcDecision(decision.id), context: context,
            detail: "\(subject): \(decision.table) → \(decision.outcomeName)")
        try await environment.store.write(event) { try await $0.priorities.insert(decision) }
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
        let visibility = try await visibility(of: subject, context: context)
        let (decisions, deciders) = try await environment.store.read { repositories in
            let decisions = try await repositories.priorities.decisions(about: subject)
            let deciders = try await repositories.organizations.find(
                Set(decisions.compactMap(\.decidedBy.organizationID)))
            return (decisions, deciders)
        }
        var visible: [SSVCDecisionJSON] = []
        for decision in decisions {
            let decider = decision.decidedBy.organizationID.flatMap { deciders[$0] }
            let byCoordinator = decider?.isVerifiedCoordinator ?? false
            let decisionVisibility = decision.visibility(subject: visibility, decidedByCoordinator: byCoordinator)
            if environment.policy.read(decisionVisibility, by: context.party).isGranted {
                visible.append(SSVCDecisionJSON(decision: decision, decidedByCoordinator: byCoordinator))
            }
        }
        return .json(SSVCDecisionListBody(decisions: visible))
    }

    /// Who may see a subject.
    ///
    /// - Throws: `not_found` when it does not exist or the caller may not see it.
    private func visibility(of subject: PrioritySubject, context: AppRequestContext) async throws -> Visibility {
        switch subject {
        case .case(let id):
            return try await environment.visibleCase(id, context: context).visibility
        case .advisory(let id):
            guard let summary = advisories.snapshot.summary(of: id), summary.isPublished,
                environment.policy.read(summary.visibility, by: context.party).isGranted
            else { throw ClearinghouseError.notFound("advisory") }
            return summary.visibility
        }
    }
}
