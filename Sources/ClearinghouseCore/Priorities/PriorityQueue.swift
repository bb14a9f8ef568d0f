public import Foundation
public import ThreatFeeds

/// Orders work: by SSVC level (Act, Attend, Track*, Track, then subjects nobody has decided on), then listed in
/// KEV before not, then higher EPSS, then more internet-facing assets, organizations and components affected, then
/// older first. Pure: the same candidates, policy and time give the same queue.
public enum PriorityQueue {
    /// The ranked queue.
    public static func order(_ candidates: [PriorityCandidate], policy: PriorityPolicy, now: Date) -> [PriorityItem] {
        // Sort small keys that point into the candidates, not the candidates themselves.
        let keys = candidates.indices.map { SortKey(candidates[$0], index: $0) }.sorted()
        return keys.enumerated().map { rank, key in
            item(candidates[key.index], tier: key.tier, rank: rank + 1, policy: policy, now: now)
        }
    }

    /// The decision that ranks a subject for a caller: the newest one with a priority outcome that the caller's
    /// organization made, else the newest one a coordinator made.
    public static func decisionThatCounts(
        among decisions: [SSVCDecision], for organization: Organization.ID?, coordinators: Set<Organization.ID>
    ) -> SSVCDecision? {
        let ranked = decisions.filter { PriorityTier($0) != nil }.sorted { $0.decidedAt > $1.decidedAt }
        if let organization, let own = ranked.first(where: { $0.decidedBy.organizationID == organization }) {
            return own
        }
        return ranked.first { $0.decidedBy.organizationID.map(coordinators.contains) ?? false }
    }

    private struct SortKey: Comparable {
        let tier: PriorityTier?
        let tierRank: Int
        let notKnownExploited: Bool
        let probability: Double
        let internetFacing: Int
        let organizations: Int
        let components: Int
        let openedAt: Double
        let subject: PrioritySubject
        let index: Int

        init(_ candidate: PriorityCandidate, index: Int) {
            tier = candidate.decision.flatMap(PriorityTier.init)
            tierRank = tier?.rawValue ?? PriorityTier.allCases.count
            notKnownExploited = candidate.evidence.knownExploited == nil
            probability = candidate.evidence.prediction?.score.probability ?? 0
            internetFacing = candidate.exposure.internetFacingAssets
            organizations = candidate.exposure.organizations
            components = candidate.exposure.components
            openedAt = candidate.openedAt.timeIntervalSince1970
            subject = candidate.subject
            self.index = index
        }

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            if lhs.tierRank != rhs.tierRank { return lhs.tierRank < rhs.tierRank }
            if lhs.notKnownExploited != rhs.notKnownExploited { return !lhs.notKnownExploited }
            if lhs.probability != rhs.probability { return lhs.probability > rhs.probability }
            if lhs.internetFacing != rhs.internetFacing { return lhs.internetFacing > rhs.internetFacing }
            if lhs.organizations != rhs.organizations { return lhs.organizations > rhs.organizations }
            if lhs.components != rhs.components { return lhs.components > rhs.components }
            if lhs.openedAt != rhs.openedAt { return lhs.openedAt < rhs.openedAt }
            if lhs.subject.kind != rhs.subject.kind { return lhs.subject.kind < rhs.subject.kind }
            return lhs.subject.id < rhs.subject.id
        }
    }

    private static func item(
        _ candidate: PriorityCandidate, tier: PriorityTier?, rank: Int, policy: PriorityPolicy, now: Date
    ) -> PriorityItem {
        let (due, fromKEV) = dueDate(
            decision: candidate.decision, openedAt: candidate.openedAt,
            knownExploited: candidate.evidence.knownExploited, policy: policy)
        return PriorityItem(
            rank: rank, candidate: candidate, tier: tier, dueAt: due, dueFromKEV: fromKEV, policy: policy, now: now)
    }

    /// When remediation is due: the policy's days for the decision's level, from the decision (or its days for a
    /// subject nobody has decided on, from the opening), unless a KEV due date falls earlier.
    ///
    /// - Returns: the date, and whether the KEV due date set it.
    public static func dueDate(
        decision: SSVCDecision?, openedAt: Date, knownExploited: KEVCatalog.Entry?, policy: PriorityPolicy
    ) -> (Date, fromKEV: Bool) {
        let policyDue: Date
        if let decision, let tier = PriorityTier(decision) {
            policyDue = decision.decidedAt.addingTimeInterval(TimeInterval(policy.days[tier] ?? 0) * 86_400)
        } else {
            policyDue = openedAt.addingTimeInterval(TimeInterval(policy.unassessedDays) * 86_400)
        }
        if let entry = knownExploited, entry.dueDate.start < policyDue { return (entry.dueDate.start, true) }
        return (policyDue, false)
    }
}
