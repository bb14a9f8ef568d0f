/// OpenVEX (0.0.1 to 0.2.0): `statements[]` of a vulnerability, products (with subcomponents) and a status.
struct OpenVEX: Decodable {
    struct Vulnerability: Decodable {
        let name: String
        let aliases: [String]

        init(from decoder: any Decoder) throws {
            // 0.0.x wrote the vulnerability as a string; 0.2.0 as an object with `name` (and `@id`, `aliases`).
            if let name = try? decoder.singleValueContainer().decode(String.self) {
                self.name = name
                aliases = []
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        }

        enum CodingKeys: String, CodingKey { case name, aliases }
    }

    struct Product: Decodable {
        let id: String
        let subcomponents: [String]

        init(from decoder: any Decoder) throws {
            if let id = try? decoder.singleValueContainer().decode(String.self) {
                self.id = id
                subcomponents = []
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            subcomponents = try container.decodeIfPresent([Product].self, forKey: .subcomponents)?.map(\.id) ?? []
        }

        enum CodingKeys: String, CodingKey {
            case id = "@id"
            case subcomponents
        }
    }

    struct Statement: Decodable {
        let vulnerability: Vulnerability
        let products: [Product]?
        let status: String
        let justification: String?
        let impactStatement: String?
        let actionStatement: String?

        enum CodingKeys: String, CodingKey {
            case vulnerability, products, status, justification
            case impactStatement = "impact_statement"
            case actionStatement = "action_statement"
        }
    }

    let statements: [Statement]

    func document() throws(VEXError) -> VEXDocument {
        var statements: [VEXStatement] = []
        for (position, statement) in self.statements.enumerated() {
            guard let status = VEXStatement.Status(rawValue: statement.status) else {
                throw VEXError(
                    "`statements[\(position)].status` `\(statement.status)` is not an OpenVEX status "
                        + "(not_affected, affected, fixed, under_investigation).")
            }
            let products = (statement.products ?? []).flatMap { product in
                ([product.id] + product.subcomponents).map { id in
                    id.hasPrefix("pkg:") ? VEXStatement.Product(purl: id) : VEXStatement.Product(reference: id)
                }
            }
            statements.append(
                VEXStatement(
                    vulnerability: statement.vulnerability.name, aliases: statement.vulnerability.aliases,
                    products: products, status: status, justification: statement.justification,
                    detail: statement.impactStatement ?? statement.actionStatement))
        }
        return VEXDocument(format: .openVEX, statements: statements)
    }
}
