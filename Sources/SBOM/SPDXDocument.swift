/// The parts of an SPDX 2.2 or 2.3 JSON document that packages and relationships are read from.
struct SPDXDocument: Decodable {
    struct Package: Decodable {
        struct ExternalReference: Decodable {
            let referenceCategory: String
            let referenceType: String
            let referenceLocator: String
        }

        let spdxID: String
        let name: String
        let versionInfo: String?
        let externalRefs: [ExternalReference]?

        enum CodingKeys: String, CodingKey {
            case spdxID = "SPDXID"
            case name, versionInfo, externalRefs
        }

        /// The package's purl: its external reference of type `purl` (category `PACKAGE-MANAGER`, spelt with a
        /// hyphen since SPDX 2.3 and an underscore before).
        var purl: String? {
            externalRefs?.first { $0.referenceType == "purl" }?.referenceLocator
        }
    }

    struct Relationship: Decodable {
        let spdxElementId: String
        let relationshipType: String
        let relatedSpdxElement: String
    }

    let spdxVersion: String
    let name: String?
    let packages: [Package]?
    let relationships: [Relationship]?

    static let supportedVersions: Set<String> = ["SPDX-2.2", "SPDX-2.3"]

    func bill() -> SoftwareBill {
        var parents: [String: String] = [:]
        var dependencies: [String: [String]] = [:]
        for relationship in relationships ?? [] {
            switch relationship.relationshipType {
            case "DEPENDS_ON":
                dependencies[relationship.spdxElementId, default: []].append(relationship.relatedSpdxElement)
            case "DEPENDENCY_OF":
                dependencies[relationship.relatedSpdxElement, default: []].append(relationship.spdxElementId)
            case "CONTAINS":
                parents[relationship.relatedSpdxElement] = relationship.spdxElementId
            case "CONTAINED_BY":
                parents[relationship.spdxElementId] = relationship.relatedSpdxElement
            default:
                break
            }
        }
        let components = (packages ?? []).map { package in
            SoftwareBill.Component(
                reference: package.spdxID, name: package.name,
                version: package.versionInfo.flatMap { $0 == "NOASSERTION" ? nil : $0 }, purl: package.purl,
                parent: parents[package.spdxID])
        }
        return SoftwareBill(
            format: .spdx(String(spdxVersion.dropFirst("SPDX-".count))), subject: name, components: components,
            dependencies: dependencies)
    }
}
