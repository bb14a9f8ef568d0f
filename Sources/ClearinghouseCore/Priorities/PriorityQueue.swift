public import Foundation
import ThreatFeeds

/// Orders work: by SSVC level (Act, Attend, Track*, Track, then subjects nobody has decided on), then listed in
/// KEV before not, then higher EPSS, then more internet-facing assets, organizations and components affected, then
/// older first. Pure: the same candidates, policy and time give the same queue.
public enum PriorityQueue {
    /// The ranked queue.
    public static func order(_ candidates: [PriorityCandidate], policy: PriorityPolicy, now: Date) -> [PriorityItem] {
        let keyed = candidates.map { (key: SortKey($0), candidate: $0) }.sorted { $0.key < $1.key }
        return keyed.enumerated().map { index, entry in
            item(entry.candidate, tier: entry.key.tier, rank: index + 1, policy: policy, now: now)
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
        let subject: String

        init(_ candidate: PriorityCandidate) {
            tier = candidate.decision.flatMap(PriorityTier.init)
            tierRank = tier?.rawValue ?? PriorityTier.allCases.count
            notKnownExploited = candidate.evidence.knownExploited == nil
            probability = candidate.evidence.prediction?.score.probability ?? 0
            internetFacing = candidate.exposure.internetFacingAssets
            organizations = candidate.exposure.organizations
            components = candidate.exposure.components
            openedAt = candidate.openedAt.timeIntervalSince1970
            subject = candidate.subject.kind + ":" + candidate.subject.id
        }

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            if lhs.tierRank != rhs.tierRank { return lhs.tierRank < rhs.tierRank }
            if lhs.notKnownExploited != rhs.notKnownExploited { return !lhs.notKnownExploited }
            if lhs.probability != rhs.probability { return lhs.probability > rhs.probability }
            if lhs.internetFacing != rhs.internetFacing { return lhs.internetFacing > rhs.internetFacing }
            if lhs.organizations != rhs.organizations { return lhs.organizations > rhs.organizations }
            if lhs.components != rhs.components { return lhs.components > rhs.components }
            if lhs.openedAt != rhs.openedAt { return lhs.openedAt < rhs.openedAt }
            return lhs.subject < rhs.subject
        }
    }

    private static func item(
        _ candidate: PriorityCandidate, tier: PriorityTier?, rank: Int, policy: PriorityPolicy, now: Date
    ) -> PriorityItem {
        var explanation: [String] = []
        let policyDue: Date
        let policyReason: String
        if let decision = candidate.decision, let tier {
            let inputs = decision.inputs.map { "\($0.pointName): \($0.valueName)" }.joined(separator: ", ")
            explanation.append(
                "SSVC \(tier.name) (\(decision.outcomeName)) from \(decision.table) with \(inputs), decided \(CalendarDay(decision.decidedAt))."
            )
            let days = policy.days[tier] ?? 0
            policyDue = decision.decidedAt.addingTimeInterval(TimeInterval(days) * 86_400)
            policyReason = "\(tier.name) allows \(days) days from the decision"
        } else {
            explanation.append("No SSVC decision yet, so it ranks after every decided subject.")
            policyDue = candidate.openedAt.addingTimeInterval(TimeInterval(policy.unassessedDays) * 86_400)
            policyReason = "an undecided subject needs a decision within \(policy.unassessedDays) days"
        }
        if let entry = candidate.evidence.knownExploited {
            let ransomware = entry.usedByRansomware ? "; used in ransomware campaigns" : ""
            explanation.append(
                "\(entry.cveID) is in CISA's Known Exploited Vulnerabilities catalog since \(entry.dateAdded) (due \(entry.dueDate)\(ransomware))."
            )
        } else {
            explanation.append("Not in CISA's Known Exploited Vulnerabilities catalog.")
        }
        if let prediction = candidate.evidence.prediction {
            let probability = (prediction.score.probability * 1000).rounded() / 1000
            let percentile = (prediction.score.percentile * 1000).rounded() / 10
            explanation.append(
                "EPSS \(probability) (percentile \(percentile)) for \(prediction.score.cveID), scored \(CalendarDay(prediction.scoredAt))."
            )
        } else {
            explanation.append("No EPSS score.")
        }
        explanation.append(exposureSentence(candidate.exposure))
        let age = Int(now.timeIntervalSince(candidate.openedAt) / 86_400)
        explanation.append("Open for \(max(0, age)) days, since \(CalendarDay(candidate.openedAt)).")
        var due = policyDue
        var dueReason = policyReason
        if let entry = candidate.evidence.knownExploited, entry.dueDate.start < policyDue {
            due = entry.dueDate.start
            dueReason = "CISA's KEV due date comes before the policy's (\(policyReason))"
        }
        explanation.append("Due \(CalendarDay(due)): \(dueReason).")
        return PriorityItem(
            rank: rank, candidate: candidate, tier: tier, dueAt: due, isOverdue: due < now, explanation: explanation)
    }

    private static func exposureSentence(_ exposure: ExposureSummary) -> String {
        guard exposure.components > 0 else { return "Affects no SBOM component you may see." }
        let sectors = exposure.bySector.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let facing =
            exposure.internetFacingAssets == 0
            ? "none faces the internet"
            : "\(exposure.internetFacingAssets) internet-facing"
        return
            "Affects \(exposure.components) components in \(exposure.sboms) SBOMs of \(exposure.organizations) organizations (\(sectors)); of those assets, \(facing)."
    }
}
