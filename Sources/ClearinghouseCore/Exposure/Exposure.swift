import Foundation
import PackageURL
public import SBOM
public import VEX

/// One component of one SBOM that one advisory affects.
public struct ExposureFinding: Sendable {
    public let sbom: SBOMRecord.ID
    public let organization: Organization.ID
    public let asset: String
    public let internetFacing: Bool
    public let component: SoftwareBill.Component
    public let version: String
    public let advisory: Advisory.ID
    public let aliases: [String]
    /// The versions that fix it, from the advisory's `fixed` events for this package.
    public let fixedVersions: [String]
    /// The VEX statement that speaks of this component and advisory, if any.
    public let vex: VEXStatement?

    /// Whether a VEX statement says the component is not affected or fixed: the finding is kept, marked, and
    /// left out of counts of exposure.
    public var isSuppressed: Bool {
        vex?.status == .notAffected || vex?.status == .fixed
    }
}

extension ExposureIndex {
    /// What affects an organization's SBOMs (or one of them): each affected component with the advisories the
    /// party may see, their fixed versions and the VEX statement that applies.
    public func findings(
        for organization: Organization.ID, sbom only: SBOMRecord.ID? = nil, advisories: AdvisoryIndex,
        visibleTo party: Party, policy: AccessPolicy = AccessPolicy()
    ) -> [ExposureFinding] {
        var findings: [ExposureFinding] = []
        for entry in entries(of: organization) where only.map({ $0 == entry.id }) ?? true {
            for (component, identity) in zip(entry.components, entry.identities) {
                guard case .package(let ecosystem, let name, let version, let purl) = identity else { continue }
                for match in advisories.matches(ecosystem: ecosystem, name: name, version: version) {
                    guard policy.read(match.summary.visibility, by: party).isGranted else { continue }
                    findings.append(
                        finding(
                            entry, component, version: version, purl: purl, advisory: match.summary,
                            fixedVersions: match.fixedVersions))
                }
            }
        }
        return findings
    }

    /// Every SBOM component, of every organization, that an advisory affects.
    public func findings(affectedBy id: Advisory.ID, advisories: AdvisoryIndex) -> [ExposureFinding] {
        guard let summary = advisories.summary(of: id), summary.isPublished, !summary.isWithdrawn else { return [] }
        var findings: [ExposureFinding] = []
        for (key, candidate) in advisories.entries(of: id) {
            for reference in components(of: key) {
                guard let entry = entries[reference.sbom],
                    case .package(_, _, let version, let purl) = entry.identities[reference.index],
                    candidate.evaluator.affects(version: version)
                else { continue }
                findings.append(
                    finding(
                        entry, entry.components[reference.index], version: version, purl: purl, advisory: summary,
                        fixedVersions: candidate.evaluator.fixedVersions))
            }
        }
        return findings
    }

    /// One finding, with the VEX statement that decides it.
    private func finding(
        _ entry: Entry, _ component: SoftwareBill.Component, version: String, purl: PackageURL,
        advisory: AdvisoryIndex.Summary, fixedVersions: [String]
    ) -> ExposureFinding {
        ExposureFinding(
            sbom: entry.id, organization: entry.organization, asset: entry.asset,
            internetFacing: entry.internetFacing, component: component, version: version, advisory: advisory.id,
            aliases: advisory.aliases, fixedVersions: fixedVersions,
            vex: statement(about: advisory.id, aliases: advisory.aliases, component: component, purl: purl, in: entry))
    }
}
