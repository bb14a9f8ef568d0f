public import Foundation
public import PackageURL

/// What a caller may see of the SBOMs, for its priority queue: its own organization's, or every organization's for
/// coordinators. Gives the components each advisory reaches (VEX suppressions left out), when each advisory was
/// first seen reaching one, and the components a case reaches.
public struct VisibleExposure: Sendable {
    /// The organizations whose SBOMs the caller sees.
    public let organizations: Set<Organization.ID>
    /// The components each advisory reaches, VEX suppressions left out.
    public let componentsByAdvisory: [Advisory.ID: [ExposureSummary.Component]]
    /// When each advisory was first seen reaching a component.
    public let firstSeen: [Advisory.ID: Date]
    private let index: ExposureIndex
    private let party: Party
    private let policy: AccessPolicy
    private let advisoriesByAlias: [String: [Advisory.ID]]

    public init(index: ExposureIndex, advisories: AdvisoryIndex, member: Member, party: Party, policy: AccessPolicy) {
        self.index = index
        self.party = party
        self.policy = policy
        organizations = member.isCoordinator ? Set(index.allEntries.map(\.organization)) : [member.organizationID]
        let findings = organizations.sorted().flatMap { organization in
            index.findings(for: organization, advisories: advisories, visibleTo: party, policy: policy)
        }.filter { policy.read(SBOMRecord.visibility(of: $0.organization), by: party).isGranted }
        componentsByAdvisory = ExposureSummary.components(of: findings)
        var firstSeen: [Advisory.ID: Date] = [:]
        for finding in findings where !finding.isSuppressed {
            let uploaded = index.entry(finding.sbom)?.uploadedAt ?? .distantPast
            firstSeen[finding.advisory] = min(firstSeen[finding.advisory] ?? uploaded, uploaded)
        }
        self.firstSeen = firstSeen
        var advisoriesByAlias: [String: [Advisory.ID]] = [:]
        for id in componentsByAdvisory.keys {
            for alias in [id.rawValue] + (advisories.summary(of: id)?.aliases ?? []) {
                advisoriesByAlias[alias.uppercased(), default: []].append(id)
            }
        }
        self.advisoriesByAlias = advisoriesByAlias
    }

    /// The components a case reaches: those of the exposed advisories that share one of its aliases, and those that
    /// are exactly one of its findings' package targets (`pkg:pypi/demo@1.5`), which an embargoed case has before
    /// any advisory exists.
    public func components(ofCaseNaming aliases: [String], packages: [PackageURL]) -> [ExposureSummary.Component] {
        var reached =
            aliases.isEmpty
            ? [] : Set(aliases).flatMap { advisoriesByAlias[$0] ?? [] }.flatMap { componentsByAdvisory[$0] ?? [] }
        for purl in packages {
            for (entry, position) in index.components(at: purl)
            where organizations.contains(entry.organization) && policy.read(entry.visibility, by: party).isGranted {
                reached.append(
                    ExposureSummary.Component(
                        organization: entry.organization, sbom: entry.id,
                        reference: entry.components[position].reference,
                        internetFacing: entry.internetFacing))
            }
        }
        return reached
    }
}
