public import Foundation

/// A subject waiting to be ranked, with every input its rank depends on.
public struct PriorityCandidate: Sendable {
    public let subject: PrioritySubject
    public let title: String
    /// When the work began: a case's report, or when an advisory was first seen affecting an SBOM.
    public let openedAt: Date
    public let aliases: [String]
    /// The decision that counts for the caller (see ``PriorityQueue/decisionThatCounts(among:for:coordinators:)``).
    public let decision: SSVCDecision?
    public let evidence: ExploitationEvidence
    public let exposure: ExposureSummary
    /// A case's state; nil for advisories.
    public let state: CaseState?

    public init(
        subject: PrioritySubject, title: String, openedAt: Date, aliases: [String], decision: SSVCDecision?,
        evidence: ExploitationEvidence, exposure: ExposureSummary, state: CaseState? = nil
    ) {
        self.subject = subject
        self.title = title
        self.openedAt = openedAt
        self.aliases = aliases
        self.decision = decision
        self.evidence = evidence
        self.exposure = exposure
        self.state = state
    }
}

/// A ranked subject: its place, its level, and when remediation is due. Its explanation is written when asked
/// for, so that ranking a large queue to answer one page writes only that page's sentences.
public struct PriorityItem: Sendable {
    public let rank: Int
    public let candidate: PriorityCandidate
    /// The level of the decision that counts; nil when nobody has decided.
    public let tier: PriorityTier?
    public let dueAt: Date
    /// Whether the KEV due date, earlier than the policy's, set ``dueAt``.
    public let dueFromKEV: Bool
    public let policy: PriorityPolicy
    public let now: Date

    public var isOverdue: Bool { dueAt < now }

    /// Sentences, in the order the queue weighs them: the SSVC outcome, KEV, EPSS, exposure, age, the due date.
    public var explanation: [String] { PriorityExplanation.sentences(for: self) }
}
