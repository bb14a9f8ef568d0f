public import Foundation
import OSV
public import PackageURL
public import SBOM
import VEX

/// The components of every SBOM, by package, and every VEX statement, by vulnerability: kept in memory so that
/// exposure is computed both ways (what affects an organization; whom an advisory affects) from the advisory
/// index at the moment it is asked, and so follows every change of advisories, SBOMs and VEX statements.
public struct ExposureIndex: Sendable {
    /// An SBOM as the index keeps it.
    public struct Entry: Sendable {
        /// An SBOM is its organization's: it and coordinators (with oversight) see it.
        public var visibility: Visibility { SBOMRecord.visibility(of: organization) }
        public let id: SBOMRecord.ID
        public let organization: Organization.ID
        public let asset: String
        public let internetFacing: Bool
        public let uploadedAt: Date
        public let components: [SoftwareBill.Component]
        public let identities: [ComponentIdentity]
        public let format: SoftwareBill.Format
        /// The version of the record it was made from, when its document's digest is known.
        public let version: SBOMRecord.Version?

        /// An SBOM as the index keeps it: each component's identity worked out once.
        public init(_ sbom: SBOMRecord) {
            version = sbom.version
            id = sbom.id
            organization = sbom.organization
            asset = sbom.asset
            internetFacing = sbom.internetFacing
            uploadedAt = sbom.uploadedAt
            components = sbom.bill.components
            identities = sbom.bill.components.map(ComponentIdentity.init)
            format = sbom.bill.format
        }

        /// The components that cannot be matched, with why.
        public var unmatched: [(SoftwareBill.Component, String)] {
            zip(components, identities).compactMap { component, identity in
                if case .unmatched(let reason) = identity { (component, reason) } else { nil }
            }
        }
    }

    struct ComponentReference: Sendable, Hashable {
        let sbom: SBOMRecord.ID
        let index: Int
    }

    struct StatementReference: Sendable {
        let document: VEXRecord.ID
        let organization: Organization.ID
        /// The document it came from, for whose products it may speak.
        let record: VEXRecord
        let uploadedAt: Date
        let statement: VEXStatement
        /// The products' purls, parsed once when the document is indexed.
        let purls: [PackageURL?]
    }

    private(set) var entries: [SBOMRecord.ID: Entry] = [:]
    private var byPackage: [AdvisoryIndex.PackageKey: [ComponentReference]] = [:]
    private var vexDocuments: [VEXRecord.ID: [StatementReference]] = [:]
    private(set) var vexRecords: [VEXRecord.ID: VEXRecord] = [:]
    private var statementsByVulnerability: [String: [StatementReference]] = [:]

    public init() {}

    /// The SBOM with an id.
    public func entry(_ id: SBOMRecord.ID) -> Entry? { entries[id] }

    /// Every SBOM, in id order.
    public var allEntries: [Entry] { entries.values.sorted { $0.id < $1.id } }

    /// The VEX document with an id.
    public func vex(_ id: VEXRecord.ID) -> VEXRecord? { vexRecords[id] }

    /// How many SBOMs and VEX documents the index holds, without listing them.
    public var count: Int { entries.count + vexRecords.count }

    /// Every VEX document, in id order.
    public var allVEX: [VEXRecord] { vexRecords.values.sorted { $0.id < $1.id } }

    /// The SBOMs of an organization, by asset name.
    public func entries(of organization: Organization.ID) -> [Entry] {
        entries.values.filter { $0.organization == organization }.sorted { ($0.asset, $0.id) < ($1.asset, $1.id) }
    }

    /// Adds an SBOM, or replaces the one with its id.
    public mutating func upsert(_ sbom: SBOMRecord) {
        upsert(Entry(sbom))
    }

    /// Adds or replaces an SBOM already made into an entry.
    public mutating func upsert(_ entry: Entry) {
        remove(sbom: entry.id)
        entries[entry.id] = entry
        for (index, identity) in entry.identities.enumerated() {
            if case .package(let ecosystem, let name, _, _) = identity {
                byPackage[AdvisoryIndex.key(ecosystem: ecosystem, name: name), default: []].append(
                    ComponentReference(sbom: entry.id, index: index))
            }
        }
    }

    /// Removes an SBOM.
    public mutating func remove(sbom id: SBOMRecord.ID) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        for identity in entry.identities {
            if case .package(let ecosystem, let name, _, _) = identity {
                let key = AdvisoryIndex.key(ecosystem: ecosystem, name: name)
                byPackage[key]?.removeAll { $0.sbom == id }
                if byPackage[key]?.isEmpty == true { byPackage[key] = nil }
            }
        }
    }

    /// Adds a VEX document's statements.
    public mutating func upsert(_ vex: VEXRecord) {
        remove(vex: vex.id)
        let references = vex.document.statements.map {
            StatementReference(
                document: vex.id, organization: vex.organization, record: vex,
                uploadedAt: vex.uploadedAt, statement: $0,
                purls: $0.products.map { product in product.purl.flatMap { try? PackageURL(parsing: $0) } })
        }
        vexDocuments[vex.id] = references
        vexRecords[vex.id] = vex
        for reference in references {
            for id in reference.statement.vulnerabilityIDs {
                statementsByVulnerability[id, default: []].append(reference)
            }
        }
    }

    /// Removes a VEX document's statements.
    public mutating func remove(vex id: VEXRecord.ID) {
        vexRecords[id] = nil
        guard let references = vexDocuments.removeValue(forKey: id) else { return }
        for vulnerability in Set(references.flatMap(\.statement.vulnerabilityIDs)) {
            statementsByVulnerability[vulnerability]?.removeAll { $0.document == id }
            if statementsByVulnerability[vulnerability]?.isEmpty == true {
                statementsByVulnerability[vulnerability] = nil
            }
        }
    }

    func components(of key: AdvisoryIndex.PackageKey) -> [ComponentReference] {
        byPackage[key] ?? []
    }

    /// The SBOM components that are exactly a package at a version (`pkg:pypi/demo@1.5`), as a case's target names
    /// it: what an unpublished vulnerability is known to reach before any advisory says which versions it affects.
    public func components(at purl: PackageURL) -> [(entry: Entry, index: Int)] {
        guard let version = purl.version, let package = Ecosystem.package(for: purl) else { return [] }
        return components(of: AdvisoryIndex.key(ecosystem: package.ecosystem, name: package.name)).compactMap {
            reference in
            guard let entry = entries[reference.sbom],
                case .package(_, _, let componentVersion, _) = entry.identities[reference.index],
                componentVersion == version
            else { return nil }
            return (entry, reference.index)
        }
    }

    /// The VEX statement that decides a finding, if any: one about the advisory (or an alias) and the component,
    /// by the SBOM's own organization, or by a vendor registered for that product, or by a coordinator
    /// (``VEXRecord/speaksFor(_:)``); the organization's own statements first, then the most recent.
    func statement(
        about advisory: Advisory.ID, aliases: [String], component: SoftwareBill.Component, purl: PackageURL,
        in entry: Entry
    ) -> VEXStatement? {
        var candidates: [StatementReference] = []
        for id in [advisory.rawValue] + aliases {
            candidates += statementsByVulnerability[id] ?? []
        }
        return candidates.filter { reference in
            (reference.organization == entry.organization || reference.record.speaksFor(purl))
                && zip(reference.statement.products, reference.purls).contains { product, productPurl in
                    Self.product(
                        product, purl: productPurl, matches: component, purl: purl,
                        sameOrganization: reference.organization == entry.organization)
                }
        }.max { lhs, rhs in
            let lhsOwn = lhs.organization == entry.organization
            let rhsOwn = rhs.organization == entry.organization
            return lhsOwn != rhsOwn ? rhsOwn : lhs.uploadedAt < rhs.uploadedAt
        }?.statement
    }

    /// Whether a VEX product designates an SBOM component: by purl (a product without a version covers every
    /// version, in the organization's own documents only; qualifiers are ignored), by the component's reference
    /// (the organization's own documents only), or by name and version.
    ///
    /// Another organization's statement (a vendor's) must name a version: a product named without one, or by name
    /// alone, would silence the exposure of every version of everyone's component of that name.
    static func product(
        _ product: VEXStatement.Product, purl productPurl: PackageURL?, matches component: SoftwareBill.Component,
        purl: PackageURL, sameOrganization: Bool
    ) -> Bool {
        if let productPurl {
            guard sameOrganization || productPurl.version != nil else { return false }
            return productPurl.type == purl.type && productPurl.namespace == purl.namespace
                && productPurl.name == purl.name && (productPurl.version.map { $0 == purl.version } ?? true)
        }
        if sameOrganization, let reference = product.reference, reference == component.reference {
            return true
        }
        if let name = product.name, name.lowercased() == component.name.lowercased() {
            guard sameOrganization || product.version != nil else { return false }
            return product.version.map { $0 == component.version } ?? true
        }
        return false
    }
}
