import CSAF

/// CSAF 2.0 VEX (`document.category` `csaf_vex`): each product's status per vulnerability, with the justification
/// flags and impact statements.
extension CSAFDocument {
    func vex() throws(VEXError) -> VEXDocument {
        guard document.category == "csaf_vex" else {
            throw VEXError("`document.category` is `\(document.category)`; a CSAF VEX document says `csaf_vex`.")
        }
        let statuses: [(String, VEXStatement.Status)] = [
            ("known_not_affected", .notAffected), ("known_affected", .affected), ("fixed", .fixed),
            ("first_fixed", .fixed), ("under_investigation", .underInvestigation),
        ]
        var statements: [VEXStatement] = []
        for (position, vulnerability) in vulnerabilities.enumerated() {
            let ids = vulnerability.identifiers
            guard let id = ids.first else {
                throw VEXError("`vulnerabilities[\(position)]` has neither `cve` nor `ids`.")
            }
            for (key, status) in statuses {
                for productID in vulnerability.productStatus?[key] ?? [] {
                    let justification = vulnerability.flags?.first { $0.productIDs?.contains(productID) == true }?.label
                    let detail = vulnerability.threats?.first {
                        $0.category == "impact" && $0.productIDs?.contains(productID) == true
                    }?.details
                    let product = products[productID].map {
                        VEXStatement.Product(purl: $0.purl, reference: $0.id, name: $0.name, version: $0.version)
                    }
                    statements.append(
                        VEXStatement(
                            vulnerability: id, aliases: Array(ids.dropFirst()),
                            products: [product ?? VEXStatement.Product(reference: productID)],
                            status: status, justification: justification, detail: detail))
                }
            }
        }
        return VEXDocument(format: .csaf, statements: statements)
    }
}
