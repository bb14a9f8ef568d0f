public import Foundation
public import TLP

/// Folds submitted findings into cases: a finding that shares a fingerprint with a case joins it, any other opens a
/// case of its own, with its reporter as first finder.
///
/// Pure: the store looks up which cases already hold the drafts' fingerprints, and commits the plan in the same
/// transaction, with no other intake in between.
public struct FindingIntake: Sendable {
    /// A case that already holds a fingerprint.
    public struct KnownCase: Sendable, Hashable {
        public var id: Case.ID
        /// The case's first finding, which later findings record they duplicated.
        public var firstFinding: Finding.ID
        /// The case's label.
        public var label: TLPLabel

        public init(id: Case.ID, firstFinding: Finding.ID, label: TLPLabel) {
            self.id = id
            self.firstFinding = firstFinding
            self.label = label
        }
    }

    /// Submitted drafts with their fingerprints, computed once.
    public struct Submission: Sendable {
        public let drafts: [FindingDraft]
        /// Each draft's fingerprints, in draft order.
        public let fingerprints: [[Fingerprint]]

        public init(_ drafts: [FindingDraft]) {
            self.drafts = drafts
            fingerprints = drafts.map(\.fingerprints)
        }

        /// Every draft's fingerprints, to look up the cases that hold them.
        public var allFingerprints: [Fingerprint] { fingerprints.flatMap { $0 } }
    }

    /// What to commit.
    public struct Plan: Sendable {
        /// Every submitted finding, in order, with its case.
        public var findings: [Finding]
        /// The cases opened now, each by its first finding.
        public var openedCases: [Case]
        /// The transitions that opened those cases.
        public var openings: [CaseTransition]
        /// Fingerprints no case held before, with the case that holds them now.
        public var newFingerprints: [(fingerprint: Fingerprint, caseID: Case.ID)]
        /// Existing cases the submission joins whose label is less restrictive than the submission's: each must
        /// take the submission's label, so that a case is never less restrictive than a finding in it.
        public var tightenedCases: [Case.ID]
    }

    public let reporter: Organization.ID
    /// The reporter's token, for the transitions that open cases.
    public let actor: AuditActor
    /// The label of the submitted findings, and of the cases they open.
    public let label: TLPLabel
    public let dependencies: Dependencies

    public init(reporter: Organization.ID, actor: AuditActor, label: TLPLabel, dependencies: Dependencies) {
        self.reporter = reporter
        self.actor = actor
        self.label = label
        self.dependencies = dependencies
    }

    /// Assigns each draft a case.
    ///
    /// A draft whose fingerprints meet several cases joins the oldest. Drafts of one submission meet each other
    /// too: the first opens the case, the next join it.
    ///
    /// - Parameters:
    ///   - submission: The findings, in submission order.
    ///   - known: The cases that already hold some of the drafts' fingerprints, by fingerprint key.
    public func plan(_ submission: Submission, known: [String: KnownCase]) -> Plan {
        let now = dependencies.now()
        var holders = known
        var plan = Plan(findings: [], openedCases: [], openings: [], newFingerprints: [], tightenedCases: [])
        plan.findings.reserveCapacity(submission.drafts.count)
        for (draft, fingerprints) in zip(submission.drafts, submission.fingerprints) {
            let id: Finding.ID = dependencies.makeID()
            let joined = fingerprints.compactMap { holders[$0.key] }.min { $0.id < $1.id }
            let holder: KnownCase
            if let joined {
                holder = joined
                if joined.label < label && !plan.tightenedCases.contains(joined.id) {
                    plan.tightenedCases.append(joined.id)
                }
            } else {
                holder = KnownCase(id: dependencies.makeID(), firstFinding: id, label: label)
                plan.openedCases.append(
                    Case(
                        id: holder.id, state: .reported, label: label, owner: reporter, firstFinding: id,
                        title: draft.title, createdAt: now, updatedAt: now))
                plan.openings.append(
                    CaseTransition(
                        id: dependencies.makeID(), caseID: holder.id, from: nil, to: .reported, actor: actor,
                        reason: nil, occurredAt: now))
            }
            for fingerprint in fingerprints where holders[fingerprint.key] == nil {
                holders[fingerprint.key] = holder
                plan.newFingerprints.append((fingerprint, holder.id))
            }
            plan.findings.append(
                Finding(
                    id: id, caseID: holder.id, reporter: reporter, reportedAt: now, label: label, draft: draft,
                    duplicateOf: joined?.firstFinding, fingerprints: fingerprints))
        }
        return plan
    }
}
