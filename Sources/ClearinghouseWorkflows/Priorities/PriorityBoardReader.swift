public import ClearinghouseCore
import ClearinghouseStore

/// Gathers, for one caller, everything the priority queue weighs: the open cases and the advisories affecting SBOMs
/// that the caller may see, their SSVC decisions, KEV listings and EPSS scores, and their exposure; the core's
/// ``PriorityBoard`` assembles the candidates. Read fresh on every request, so the queue follows every change of its
/// inputs.
public struct PriorityBoardReader: Sendable {
    let workflows: Workflows
    let advisories: AdvisoryCatalog
    let exposure: ExposureCatalog

    public init(_ workflows: Workflows, advisories: AdvisoryCatalog, exposure: ExposureCatalog) {
        self.workflows = workflows
        self.advisories = advisories
        self.exposure = exposure
    }

    /// - Parameter kind: one kind of subject only; nil for both.
    public func candidates(for member: Member, party: Party, kind: PrioritySubject.Kind?) async throws
        -> [PriorityCandidate]
    {
        let policy = workflows.gate.policy
        let advisoryIndex = advisories.snapshot
        let visible = VisibleExposure(
            index: exposure.snapshot, advisories: advisoryIndex, member: member, party: party, policy: policy)

        let store = workflows.store
        let (cases, names) = try await store.read { repositories in
            let cases =
                kind == .advisory
                ? []
                : try await repositories.cases.list(excluding: PriorityBoard.settledStates).filter {
                    policy.read($0.visibility, by: party).isGranted
                }
            return (cases, try await repositories.cases.aliasesAndPackages(of: cases.map(\.id)))
        }
        let subjects = PriorityBoard.subjects(
            kind: kind, exposure: visible, advisories: advisoryIndex, cases: cases, names: names)
        let cves = PriorityBoard.cves(of: subjects)

        let evidence = try await store.read { repositories in
            let decisions = try await repositories.priorities.decisions(about: subjects.map(\.subject))
            let deciders = Set(decisions.values.joined().compactMap(\.decidedBy.organizationID))
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
            subjects, for: member, exposure: visible, advisories: advisoryIndex, cases: cases, names: names,
            evidence: evidence)
    }
}
