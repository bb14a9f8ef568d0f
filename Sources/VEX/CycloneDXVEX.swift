/// CycloneDX VEX: `vulnerabilities[]` with an `analysis` and the components they `affect`.
struct CycloneDXVEX: Decodable {
    struct Component: Decodable {
        let bomRef: String?
        let purl: String?
        let name: String?
        let version: String?
        let components: [Component]?

        enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref"
            case purl, name, version, components
        }
    }

    struct Vulnerability: Decodable {
        struct Reference: Decodable { let id: String }
        struct Analysis: Decodable {
            let state: String?
            let justification: String?
            let detail: String?
        }
        struct Affects: Decodable { let ref: String }

        let id: String
        let references: [Reference]?
        let analysis: Analysis?
        let affects: [Affects]?
    }

    let components: [Component]?
    let metadata: Metadata?
    let vulnerabilities: [Vulnerability]?

    struct Metadata: Decodable { let component: Component? }

    func document() throws(VEXError) -> VEXDocument {
        var purls: [String: Component] = [:]
        func index(_ component: Component) {
            if let ref = component.bomRef { purls[ref] = component }
            component.components?.forEach(index)
        }
        (components ?? []).forEach(index)
        metadata?.component.map(index)
        var statements: [VEXStatement] = []
        for (position, vulnerability) in (vulnerabilities ?? []).enumerated() {
            guard let stateText = vulnerability.analysis?.state else {
                throw VEXError("`vulnerabilities[\(position)].analysis.state` is required in a VEX document.")
            }
            guard let status = Self.status(stateText) else {
                throw VEXError(
                    "`vulnerabilities[\(position)].analysis.state` `\(stateText)` is not a CycloneDX analysis state "
                        + "(resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, not_affected).")
            }
            let products = (vulnerability.affects ?? []).map { affects -> VEXStatement.Product in
                // A BOM-link (`urn:cdx:serial/version#ref`) names a component of another BOM by its bom-ref.
                let local = affects.ref.split(separator: "#", maxSplits: 1).last.map(String.init) ?? affects.ref
                let component = purls[affects.ref] ?? purls[local]
                return VEXStatement.Product(
                    purl: component?.purl, reference: local, name: component?.name, version: component?.version)
            }
            statements.append(
                VEXStatement(
                    vulnerability: vulnerability.id, aliases: (vulnerability.references ?? []).map(\.id),
                    products: products, status: status, justification: vulnerability.analysis?.justification,
                    detail: vulnerability.analysis?.detail))
        }
        return VEXDocument(format: .cycloneDX, statements: statements)
    }

    static func status(_ state: String) -> VEXStatement.Status? {
        switch state {
        case "not_affected", "false_positive": .notAffected
        case "exploitable": .affected
        case "resolved", "resolved_with_pedigree": .fixed
        case "in_triage": .underInvestigation
        default: nil
        }
    }
}
