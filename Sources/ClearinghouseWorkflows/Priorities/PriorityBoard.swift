public import ClearinghouseCore
import ClearinghouseStore
import Foundation
import ThreatFeeds

/// Gathers, for one caller, everything the priority queue weighs: the open cases and the advisories affecting SBOMs
/// that the caller may see, their SSVC decisions, KEV listings and EPSS scores (found through aliases), and their
/// exposure. Read fresh on every request, so the queue follows every change of its inputs.
public struct PriorityBoard: Sendable {
    let workflows: Workflows
    let advisories: AdvisoryCatalog
    let exposure: ExposureCatalog

    public init(_ workflows: Workflows, advisories: AdvisoryCatalog, exposure: ExposureCatalog) {
        self.workflows = workflows
        self.advisories = advisories
        self.exposure = exposure
    }

    /// Case states that need no more remediation work.
    static let settledStates: Set<CaseState> = [.fixed, .disclosed, .rejected, .withdrawn]

    /// - Parameter kind: one kind of subject only; nil for both.
    public func candidates(for member: Member, party: Party, kind: PrioritySubject.Kind?) async throws
        -> [PriorityCandidate]
    {
        let policy = workflows.gate.policy
        let advisoryIndex = advisories.snapshot
        let visible = VisibleExposure(
            index: exposure.snapshot, advisories: advisoryIndex, member: member, party: party, policy: policy)
        let organizations = visible.organizations

        let store = workflows.store
        let (sectors, cases, named) = try await store.read { repositories in
            let sectors = try await repositories.organizations.find(organizations).mapValues { $0.sector?.rawValue }
            let cases =
                kind == .advisory
                ? []
                : try await repositories.cases.list(excluding: Self.settledStates).filter {
                    policy.read($0.visibility, by: party).isGranted
                }
            return (sectors, cases, try await repositories.cases.aliasesAndPackages(of: cases.map(\.id)))
        }
        let sector = { (organization: Organization.ID) in sectors[organization] ?? nil }

        var subjects: [(subject: PrioritySubject, aliases: [String])] =
            kind == .case
            ? []
            : visible.componentsByAdvisory.keys.sorted().map { id in
                (.advisory(id), [id.rawValue] + (advisoryIndex.summary(of: id)?.aliases ?? []))
            }
        subjects += cases.map { (.case($0.id), (named[$0.id]?.aliases ?? []).sorted()) }
        let subjectList = subjects.map(\.subject)
        let cves = Set(subjects.flatMap(\.aliases).map { $0.uppercased() }.filter(CVEIdentifier.isValid))

        let (knownExploited, predictions, decisions, coordinators) = try await store.read { repositories in
            let decisions = try await repositories.priorities.decisions(about: subjectList)
            let deciders = Set(decisions.values.joined().compactMap(\.decidedBy.organizationID))
            let coordinators = try await repositories.organizations.find(deciders).values
                .filter(\.isVerifiedCoordinator).map(\.id)
            return (
                try await repositories.threatFeeds.knownExploited(cves),
                try await repositories.threatFeeds.predictions(cves), decisions, Set(coordinators)
            )
        }

        let caseByID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
        return subjects.map { subject, aliases in
            let decision = PriorityQueue.decisionThatCounts(
                among: decisions[subject] ?? [], for: member.organizationID, coordinators: coordinators)
            let evidence = ExploitationEvidence.find(
                aliases: aliases, knownExploited: knownExploited, predictions: predictions)
            switch subject {
            case .advisory(let id):
                let summary = advisoryIndex.summary(of: id)
                let opened = max(visible.firstSeen[id] ?? .distantPast, summary?.published ?? .distantPast)
                return PriorityCandidate(
                    subject: subject, title: Self.title(id, aliases: summary?.aliases ?? []), openedAt: opened,
                    aliases: summary?.aliases ?? [], decision: decision, evidence: evidence,
                    exposure: ExposureSummary(visible.componentsByAdvisory[id] ?? [], sector: sector))
            case .case(let id):
                let found = caseByID[id]
                let reached = visible.components(ofCaseNaming: aliases, packages: named[id]?.packages ?? [])
                return PriorityCandidate(
                    subject: subject, title: found?.title ?? "", openedAt: found?.createdAt ?? .distantPast,
                    aliases: aliases, decision: decision, evidence: evidence,
                    exposure: ExposureSummary(reached, sector: sector), state: found?.state)
            }
        }
    }

    private static func title(_ id: Advisory.ID, aliases: [String]) -> String {
        aliases.isEmpty ? id.rawValue : "\(id.rawValue) (\(aliases.joined(separator: ", ")))"
    }
}
