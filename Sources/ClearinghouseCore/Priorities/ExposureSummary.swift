/// How far a subject reaches into the SBOMs the caller may see: organizations, SBOMs (assets) and components
/// affected, how many of those assets face the internet, and the organizations by sector.
public struct ExposureSummary: Sendable, Hashable {
    public var organizations: Int
    public var sboms: Int
    public var components: Int
    public var internetFacingAssets: Int
    /// Sector → affected organizations; `none` for organizations without a sector.
    public var bySector: [String: Int]

    public init(
        organizations: Int = 0, sboms: Int = 0, components: Int = 0, internetFacingAssets: Int = 0,
        bySector: [String: Int] = [:]
    ) {
        self.organizations = organizations
        self.sboms = sboms
        self.components = components
        self.internetFacingAssets = internetFacingAssets
        self.bySector = bySector
    }

    /// One affected component: whose, in which SBOM, and whether that asset faces the internet.
    public struct Component: Sendable, Hashable {
        public let organization: Organization.ID
        public let sbom: SBOMRecord.ID
        public let reference: String
        public let internetFacing: Bool

        public init(organization: Organization.ID, sbom: SBOMRecord.ID, reference: String, internetFacing: Bool) {
            self.organization = organization
            self.sbom = sbom
            self.reference = reference
            self.internetFacing = internetFacing
        }
    }

    /// The summary of affected components, each counted once.
    ///
    /// - Parameter sector: The sector of an affected organization, if known.
    public init(_ components: some Collection<Component>, sector: (Organization.ID) -> String?) {
        let components = Set(components)
        let organizations = Set(components.map(\.organization))
        var bySector: [String: Int] = [:]
        for organization in organizations {
            bySector[sector(organization) ?? "none", default: 0] += 1
        }
        self.init(
            organizations: organizations.count, sboms: Set(components.map(\.sbom)).count,
            components: components.count,
            internetFacingAssets: Set(components.filter(\.internetFacing).map(\.sbom)).count, bySector: bySector)
    }

    /// The components of exposure findings that VEX does not suppress, grouped by advisory.
    public static func components(of findings: [ExposureFinding]) -> [Advisory.ID: [Component]] {
        var grouped: [Advisory.ID: [Component]] = [:]
        for finding in findings where !finding.isSuppressed {
            grouped[finding.advisory, default: []].append(
                Component(
                    organization: finding.organization, sbom: finding.sbom, reference: finding.component.reference,
                    internetFacing: finding.internetFacing))
        }
        return grouped
    }
}
