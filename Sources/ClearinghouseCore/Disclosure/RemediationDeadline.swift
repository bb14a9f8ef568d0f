public import Foundation
public import ThreatFeeds

/// When a vendor on a validated case owes its fix: the date the case is due in that participant's own priority
/// queue (its own SSVC decision, else a coordinator's; the policy's days for the level; a KEV due date when earlier).
/// A vendor owes one until it records a fix or says its products are fixed or not affected. Pure.
public struct RemediationDeadline: Sendable, Hashable {
    public let caseID: Case.ID
    public let organization: Organization.ID
    public let dueAt: Date
    /// The level of the decision that counts; nil when nobody has decided.
    public let tier: PriorityTier?
    /// Whether the KEV due date, earlier than the policy's, set ``dueAt``.
    public let fromKEV: Bool

    /// The case states in which vendors owe fixes.
    public static let remediationStates: Set<CaseState> = [.validated, .remediating]

    /// The deadlines of an open case, by organization id.
    ///
    /// - Parameters:
    ///   - vendors: which of its participants are vendors (operators told they are affected owe no fix).
    ///   - statuses: the statuses its participants gave.
    ///   - fixers: the organizations that recorded a fix of it.
    ///   - coordinators: the verified coordinators among those who decided on it.
    ///   - knownExploited: the KEV entries of its CVE aliases, by CVE.
    public static func owed(
        on open: PriorityBoard.OpenCase, vendors: Set<Organization.ID>, statuses: [ParticipantStatus],
        fixers: Set<Organization.ID>,
        coordinators: Set<Organization.ID>, knownExploited: [String: KEVCatalog.Entry], policy: PriorityPolicy
    ) -> [RemediationDeadline] {
        let found = open.case
        guard remediationStates.contains(found.state), found.mergedInto == nil else { return [] }
        let settled = Set(statuses.filter { [.fixed, .notAffected].contains($0.status) }.map(\.organization))
        let exploited = ExploitationEvidence.find(
            aliases: open.aliases, knownExploited: knownExploited, predictions: [:]
        ).knownExploited
        return found.participants.intersection(vendors).subtracting(settled).subtracting(fixers).sorted().map {
            organization in
            let decision = PriorityQueue.decisionThatCounts(
                among: open.decisions, for: organization, coordinators: coordinators)
            let (due, fromKEV) = PriorityQueue.dueDate(
                decision: decision, openedAt: found.createdAt, knownExploited: exploited, policy: policy)
            return RemediationDeadline(
                caseID: found.id, organization: organization, dueAt: due, tier: decision.flatMap(PriorityTier.init),
                fromKEV: fromKEV)
        }
    }

    public init(caseID: Case.ID, organization: Organization.ID, dueAt: Date, tier: PriorityTier?, fromKEV: Bool) {
        self.caseID = caseID
        self.organization = organization
        self.dueAt = dueAt
        self.tier = tier
        self.fromKEV = fromKEV
    }

    /// The reminder due at `now`, once for each kind and due date (a decision that moves the date is reminded of
    /// again).
    public func reminder(at now: Date, leadTimes: [TimeInterval]) -> DeadlineReminder? {
        DeadlineReminder.due(for: dueAt, at: now, leadTimes: leadTimes)
    }
}
