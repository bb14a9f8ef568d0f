/// How far a subject reaches into the SBOMs the caller may see: organizations, SBOMs (assets) and components
/// affected, how many of those assets face the internet, and the organizations by sector.
public struct ExposureSummary: Sendable, Hashable {
    public var organizations: Int
    public var sboms: Int
    public var components: Int
    public var internetFacingAssets: Int
    /// Sector → affected organizations; `none` for organizations without a sector.
    public var bySector: [String: Int]

    public init(organizations: Int = 0, sboms: Int = 0, components: Int = 0, internetFacingAssets: Int = 0, bySector: [String: Int] = [:]) {
        self.organizations = organizations
        self.sboms = sboms
        self.components = components
        self.internetFacingAssets = internetFacingAssets
        self.bySector = bySector
    }

    /// The summary of exposure findings that are not suppressed by VEX, grouped by the subject they belong to.
    ///
    /// - Parameter sector: The sector of an affected organization, if known.
    public static func summaries(
        of findings: [ExposureFinding], sector: (Organization.ID) -> String?
    ) -> [Advisory.ID: ExposureSummary] {
        var grouped: [Advisory.ID: [ExposureFinding]] = [:]
        for finding in findings where !finding.isSuppressed {
            grouped[finding.advisory, default: []].append(finding)
        }
        return grouped.mapValues { findings in
            let organizations = Set(findings.map(\.organization))
            var bySector: [String: Int] = [:]
            for organization in organizations {
                bySector[sector(organization) ?? "none", default: 0] += 1
            }
            return ExposureSummary(
                organizations: organizations.count, sboms: Set(findings.map(\.sbom)).count,
                components: findings.count,
                internetFacingAssets: Set(findings.filter(\.internetFacing).map(\.sbom)).count, bySector: bySector)
        }
    }
}
