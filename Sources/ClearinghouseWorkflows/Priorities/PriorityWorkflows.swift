public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// The priority queue, and the SSVC decisions that order it: who may decide about what, whose decisions count, and
/// the ranked, explained queue a requester sees.
public struct PriorityWorkflows: Sendable {
    let workflows: Workflows
    let catalogs: NodeCatalogs

    public init(_ workflows: Workflows, catalogs: NodeCatalogs) {
        self.workflows = workflows
        self.catalogs = catalogs
    }

    /// A ranked page of the open cases and exposed advisories the requester may see.
    public struct Queue: Sendable {
        public let generatedAt: Date
        public let policy: PriorityPolicy
        /// How many items match, on every page.
        public let total: Int
        public let items: [PriorityItem]
        /// The offset of the next page, if there is one.
        public let nextOffset: Int?
    }

    /// The requester's queue, ranked and explained; `tier` keeps one tier (`.some(nil)`: the unassessed).
    public func queue(
        for requester: Requester, kind: PrioritySubject.Kind?, tier: PriorityTier??, offset: Int, limit: Int
    ) async throws -> Queue {
        let member = try requester.member()
        let candidates = try await PriorityBoardReader(workflows, catalogs: catalogs).candidates(for: member, party: requester.party, kind: kind)
        let now = workflows.dependencies.now()
        let policy = workflows.settings.priorityPolicy
        var ranked = PriorityQueue.order(candidates, policy: policy, now: now)
        if let tier { ranked.removeAll { $0.tier != tier } }
        let items = Array(ranked.dropFirst(offset).prefix(limit))
        return Queue(
            generatedAt: now, policy: policy, total: ranked.count, items: items,
            nextOffset: offset + items.count < ranked.count ? offset + items.count : nil)
    }

    /// Records an SSVC decision about a case or advisory the requester may see.
    ///
    /// - Throws: `not_found` for a subject hidden from the requester; `forbidden`; `invalid_field` for a table or
    ///   inputs the decision tables do not know.
    public func decide(
        about subject: PrioritySubject, table: String, inputs: [(String, String)], rationale: String?,
        by requester: Requester
    ) async throws -> SSVCDecision {
        _ = try requester.member()
        let visibility = try await visibility(of: subject, by: requester)
        try await workflows.gate.authorizeMutation(
            .decideSSVC(about: visibility), auditing: .ssvcDecide, target: nil, by: requester)
        let dependencies = workflows.dependencies
        let decision = try SSVCDecision.decide(
            id: dependencies.makeID(), subject: subject, table: table, inputs: inputs, rationale: rationale,
            by: requester.actor, at: dependencies.now())
        let event = requester.event(
            .ssvcDecide, target: .ssvcDecision(decision.id),
            detail: "\(subject): \(decision.table) → \(decision.outcomeName)", dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.priorities.insert(decision)
            return .nothing
        }
        return decision
    }

    /// The decisions about a subject that the requester may see, oldest first, each with whether a verified
    /// coordinator made it.
    public func decisions(about subject: PrioritySubject, by requester: Requester) async throws
        -> [(decision: SSVCDecision, byCoordinator: Bool)]
    {
        _ = try requester.member()
        let visibility = try await visibility(of: subject, by: requester)
        let (decisions, deciders) = try await workflows.store.read { repositories in
            let decisions = try await repositories.priorities.decisions(about: subject)
            let deciders = try await repositories.organizations.find(
                Set(decisions.compactMap(\.decidedBy.organizationID)))
            return (decisions, deciders)
        }
        return decisions.compactMap { decision in
            let decider = decision.decidedBy.organizationID.flatMap { deciders[$0] }
            let byCoordinator = decider?.isVerifiedCoordinator ?? false
            let decisionVisibility = decision.visibility(subject: visibility, decidedByCoordinator: byCoordinator)
            return workflows.gate.mayRead(decisionVisibility, by: requester) ? (decision, byCoordinator) : nil
        }
    }

    /// Who may see a subject.
    ///
    /// - Throws: `not_found` when it does not exist or the requester may not see it.
    public func visibility(of subject: PrioritySubject, by requester: Requester) async throws -> Visibility {
        switch subject {
        case .case(let id):
            return try await workflows.gate.visibleCase(id, by: requester).visibility
        case .advisory(let id):
            guard let summary = catalogs.advisories.snapshot.summary(of: id), summary.isPublished,
                workflows.gate.mayRead(summary.visibility, by: requester)
            else { throw ClearinghouseError.notFound("advisory") }
            return summary.visibility
        }
    }
}
