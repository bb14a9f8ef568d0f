/// CSAF 2.0 VEX (`document.category` `csaf_vex`): products from the product tree, their status per
/// vulnerability, and the justification flags.
struct CSAFVEX: Decodable {
    struct Document: Decodable { let category: String }

    struct FullProductName: Decodable {
        struct Helper: Decodable { let purl: String? }

        let productID: String
        let name: String
        let helper: Helper?

        enum CodingKeys: String, CodingKey {
            case productID = "product_id"
            case name
            case helper = "product_identification_helper"
        }
    }

    struct Branch: Decodable {
        let category: String?
        let name: String?
        let product: FullProductName?
        let branches: [Branch]?
    }

    struct Relationship: Decodable {
        let fullProductName: FullProductName
        let productReference: String

        enum CodingKeys: String, CodingKey {
            case fullProductName = "full_product_name"
            case productReference = "product_reference"
        }
    }

    struct ProductTree: Decodable {
        let branches: [Branch]?
        let fullProductNames: [FullProductName]?
        let relationships: [Relationship]?

        enum CodingKeys: String, CodingKey {
            case branches
            case fullProductNames = "full_product_names"
            case relationships
        }
    }

    struct Vulnerability: Decodable {
        struct Identifier: Decodable { let text: String }
        struct Flag: Decodable {
            let label: String
            let productIDs: [String]?

            enum CodingKeys: String, CodingKey {
                case label
                case productIDs = "product_ids"
            }
        }
        struct Threat: Decodable {
            let category: String
            let details: String
            let productIDs: [String]?

            enum CodingKeys: String, CodingKey {
                case category, details
                case productIDs = "product_ids"
            }
        }

        let cve: String?
        let ids: [Identifier]?
        let productStatus: [String: [String]]?
        let flags: [Flag]?
        let threats: [Threat]?

        enum CodingKeys: String, CodingKey {
            case cve, ids, flags, threats
            case productStatus = "product_status"
        }
    }

    let document: Document
    let productTree: ProductTree?
    let vulnerabilities: [Vulnerability]?

    enum CodingKeys: String, CodingKey {
        case document
        case productTree = "product_tree"
        case vulnerabilities
    }

    func vex() throws(VEXError) -> VEXDocument {
        guard document.category == "csaf_vex" else {
            throw VEXError("`document.category` is `\(document.category)`; a CSAF VEX document says `csaf_vex`.")
        }
        var products: [String: VEXStatement.Product] = [:]
        func walk(_ branch: Branch, version: String?) {
            let version = branch.category == "product_version" ? branch.name : version
            if let product = branch.product {
                products[product.productID] = VEXStatement.Product(
                    purl: product.helper?.purl, reference: product.productID, name: product.name, version: version)
            }
            branch.branches?.forEach { walk($0, version: version) }
        }
        productTree?.branches?.forEach { walk($0, version: nil) }
        for product in productTree?.fullProductNames ?? [] {
            products[product.productID] = VEXStatement.Product(
                purl: product.helper?.purl, reference: product.productID, name: product.name)
        }
        for relationship in productTree?.relationships ?? [] {
            // A product installed on another is, for matching, the product it refers to.
            let referenced = products[relationship.productReference]
            products[relationship.fullProductName.productID] = VEXStatement.Product(
                purl: relationship.fullProductName.helper?.purl ?? referenced?.purl,
                reference: relationship.fullProductName.productID,
                name: referenced?.name ?? relationship.fullProductName.name, version: referenced?.version)
        }
        let statuses: [(String, VEXStatement.Status)] = [
            ("known_not_affected", .notAffected), ("known_affected", .affected), ("fixed", .fixed),
            ("first_fixed", .fixed), ("under_investigation", .underInvestigation),
        ]
        var statements: [VEXStatement] = []
        for (position, vulnerability) in (vulnerabilities ?? []).enumerated() {
            let ids = (vulnerability.cve.map { [$0] } ?? []) + (vulnerability.ids ?? []).map(\.text)
            guard let id = ids.first else {
                throw VEXError("`vulnerabilities[\(position)]` has neither `cve` nor `ids`.")
            }
            for (key, status) in statuses {
                for productID in vulnerability.productStatus?[key] ?? [] {
                    let justification = vulnerability.flags?.first { $0.productIDs?.contains(productID) == true }?.label
                    let detail = vulnerability.threats?.first {
                        $0.category == "impact" && $0.productIDs?.contains(productID) == true
                    }?.details
                    statements.append(
                        VEXStatement(
                            vulnerability: id, aliases: Array(ids.dropFirst()),
                            products: [products[productID] ?? VEXStatement.Product(reference: productID)],
                            status: status, justification: justification, detail: detail))
                }
            }
        }
        return VEXDocument(format: .csaf, statements: statements)
    }
}
