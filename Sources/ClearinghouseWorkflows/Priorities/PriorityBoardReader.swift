public import ClearinghouseCore
import ClearinghouseStore

/// Gathers, for one caller, everything the priority queue weighs: the open cases and the advisories affecting SBOMs
/// that the caller may see, their SSVC decisions, KEV listings and EPSS scores, and their exposure; the core's
/// ``PriorityBoard`` assembles the candidates. Cases, advisories and exposure come from this node's catalogs; the
/// rest is read on every request, so the queue follows every change of its inputs.
public struct PriorityBoardReader: Sendable {
    let workflows: Workflows
    let catalogs: NodeCatalogs

    public init(_ workflows: Workflows, catalogs: NodeCatalogs) {
        self.workflows = workflows
        self.catalogs = catalogs
    }

    /// - Parameter kind: one kind of subject only; nil for both.
    public func candidates(for member: Member, party: Party, kind: PrioritySubject.Kind?) async throws
        -> [PriorityCandidate]
    {
        let policy = workflows.gate.policy
        let advisoryIndex = catalogs.advisories.snapshot
        let visible = VisibleExposure(
            index: catalogs.exposure.snapshot, advisories: advisoryIndex, member: member, party: party,
            policy: policy)

        let openCases =
            kind == .advisory
            ? [] : catalogs.openCases.snapshot.filter { policy.read($0.case.visibility, by: party).isGranted }
        let subjects = PriorityBoard.subjects(
            kind: kind, exposure: visible, advisories: advisoryIndex, cases: openCases)
        let cves = PriorityBoard.cves(of: subjects)
        let advisories = subjects.compactMap { if case .advisory = $0.of { $0.subject } else { nil } }
        let caseDeciders = Set(openCases.lazy.flatMap(\.decisions).compactMap(\.decidedBy.organizationID))

        let evidence = try await workflows.store.read { repositories in
            let decisions = try await repositories.priorities.decisions(about: advisories)
            let deciders = caseDeciders.union(decisions.values.joined().compactMap(\.decidedBy.organizationID))
            let coordinators = try await repositories.organizations.find(deciders).values
                .filter(\.isVerifiedCoordinator).map(\.id)
            return PriorityBoard.Evidence(
                decisions: decisions, coordinators: Set(coordinators),
                knownExploited: try await repositories.threatFeeds.knownExploited(cves),
                predictions: try await repositories.threatFeeds.predictions(cves),
                sectors: try await repositories.organizations.find(visible.organizations).mapValues {
                    $0.sector?.rawValue
                })
        }
        return PriorityBoard.candidates(
            subjects, for: member, exposure: visible, advisories: advisoryIndex, evidence: evidence)
    }
}
