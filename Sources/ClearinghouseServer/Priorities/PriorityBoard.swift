import ClearinghouseCore
import ClearinghouseStore
import Foundation
import PackageURL
import ThreatFeeds

/// Gathers, for one caller, everything the priority queue weighs: the open cases and the advisories affecting SBOMs
/// that the caller may see, their SSVC decisions, KEV listings and EPSS scores (found through aliases), and their
/// exposure. Read fresh on every request, so the queue follows every change of its inputs.
struct PriorityBoard {
    let environment: APIEnvironment
    let advisories: AdvisoryCatalog
    let exposure: ExposureCatalog

    /// Case states that need no more remediation work.
    static let settledStates: Set<CaseState> = [.fixed, .disclosed, .rejected, .withdrawn]

    func candidates(for member: Member, party: Party) async throws -> [PriorityCandidate] {
        let policy = environment.policy
        let advisoryIndex = advisories.snapshot
        let exposureIndex = exposure.snapshot

        // Exposure: the caller's own SBOMs; for coordinators, every SBOM the policy lets them see.
        let organizations =
            member.isCoordinator ? Set(exposureIndex.allEntries.map(\.organization)) : [member.organizationID]
        let findings = organizations.sorted().flatMap { organization in
            exposureIndex.findings(for: organization, advisories: advisoryIndex, visibleTo: party, policy: policy)
        }.filter { policy.read(SBOMRecord.visibility(of: $0.organization), by: party).isGranted }

        let store = environment.store
        let (sectors, cases, named) = try await store.read { repositories in
            let sectors = try await repositories.organizations.find(organizations).mapValues { $0.sector?.rawValue }
            let cases = try await repositories.cases.list(excluding: Self.settledStates).filter {
                policy.read($0.visibility, by: party).isGranted
            }
            return (sectors, cases, try await repositories.cases.aliasesAndPackages(of: cases.map(\.id)))
        }
        let sector = { (organization: Organization.ID) in sectors[organization] ?? nil }
        let componentsByAdvisory = ExposureSummary.components(of: findings)
        let summaries = componentsByAdvisory.mapValues { ExposureSummary($0, sector: sector) }
        var firstSeen: [Advisory.ID: Date] = [:]
        for finding in findings where !finding.isSuppressed {
            let uploaded = exposureIndex.entry(finding.sbom)?.uploadedAt ?? .distantPast
            firstSeen[finding.advisory] = min(firstSeen[finding.advisory] ?? uploaded, uploaded)
        }

        // A case reaches the components of the exposed advisories that name one of its aliases, and the components
        // that are exactly its findings' package targets.
        var advisoriesByAlias: [String: [Advisory.ID]] = [:]
        for id in summaries.keys {
            for alias in [id.rawValue] + (advisoryIndex.summary(of: id)?.aliases ?? []) {
                advisoriesByAlias[alias.uppercased(), default: []].append(id)
            }
        }

        var subjects: [(subject: PrioritySubject, aliases: [String])] = summaries.keys.sorted().map { id in
            (.advisory(id), [id.rawValue] + (advisoryIndex.summary(of: id)?.aliases ?? []))
        }
        subjects += cases.map { (.case($0.id), (named[$0.id]?.aliases ?? []).sorted()) }
        let subjectList = subjects.map(\.subject)
        let cves = Set(subjects.flatMap(\.aliases).map { $0.uppercased() }.filter(CVEIdentifier.isValid))

        let (knownExploited, predictions, decisions) = try await store.read { repositories in
            (
                try await repositories.threatFeeds.knownExploited(cves),
                try await repositories.threatFeeds.predictions(cves),
                try await repositories.priorities.decisions(about: subjectList)
            )
        }
        let deciders = Set(decisions.values.joined().compactMap(\.decidedBy.organizationID))
        let coordinators = try await store.read { try await $0.organizations.find(deciders) }
            .filter { $0.value.kind == .coordinator }.keys

        let caseByID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id, $0) })
        return subjects.map { subject, aliases in
            let decision = PriorityQueue.decisionThatCounts(
                among: decisions[subject] ?? [], for: member.organizationID, coordinators: Set(coordinators))
            let evidence = ExploitationEvidence.find(
                aliases: aliases, knownExploited: knownExploited, predictions: predictions)
            switch subject {
            case .advisory(let id):
                let summary = advisoryIndex.summary(of: id)
                let opened = max(firstSeen[id] ?? .distantPast, summary?.published ?? .distantPast)
                return PriorityCandidate(
                    subject: subject, title: Self.title(id, aliases: summary?.aliases ?? []), openedAt: opened,
                    aliases: summary?.aliases ?? [], decision: decision, evidence: evidence,
                    exposure: summaries[id] ?? ExposureSummary())
            case .case(let id):
                let found = caseByID[id]
                var reached = Set(aliases).flatMap { advisoriesByAlias[$0] ?? [] }.flatMap {
                    componentsByAdvisory[$0] ?? []
                }
                for text in named[id]?.packages ?? [] {
                    guard let purl = try? PackageURL(parsing: text) else { continue }
                    reached += exposureIndex.components(at: purl).filter {
                        organizations.contains($0.entry.organization)
                            && policy.read($0.entry.visibility, by: party).isGranted
                    }.map {
                        ExposureSummary.Component(
                            organization: $0.entry.organization, sbom: $0.entry.id,
                            reference: $0.entry.components[$0.index].reference,
                            internetFacing: $0.entry.internetFacing)
                    }
                }
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
