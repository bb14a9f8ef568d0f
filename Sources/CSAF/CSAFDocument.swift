public import Foundation
import JSONSupport

/// A CSAF 2.0 document (OASIS), read into what advisories, VEX statements and findings need: the document's
/// category, title and tracking id, its products (each with its purl and version where the product tree gives
/// them), and its vulnerabilities with their ids, title, CWE, notes, CVSS vectors, product statuses, flags and
/// threats. Everything else is read past.
public struct CSAFDocument: Sendable, Hashable, Decodable {
    public struct Document: Sendable, Hashable, Decodable {
        public struct Tracking: Sendable, Hashable, Decodable {
            public let id: String?
        }

        public let category: String
        public let title: String?
        public let csafVersion: String?
        public let tracking: Tracking?

        enum CodingKeys: String, CodingKey {
            case category, title, tracking
            case csafVersion = "csaf_version"
        }
    }

    /// A product as the product tree names it.
    public struct Product: Sendable, Hashable {
        public let id: String
        public let name: String?
        public let purl: String?
        /// The name of the enclosing `product_version` branch, when there is one.
        public let version: String?
    }

    public struct Vulnerability: Sendable, Hashable, Decodable {
        public struct Identifier: Sendable, Hashable, Decodable {
            public let systemName: String?
            public let text: String

            enum CodingKeys: String, CodingKey {
                case text
                case systemName = "system_name"
            }
        }

        public struct Weakness: Sendable, Hashable, Decodable {
            public let id: String
            public let name: String?
        }

        public struct Note: Sendable, Hashable, Decodable {
            public let category: String
            public let text: String
            public let title: String?
        }

        public struct Score: Sendable, Hashable, Decodable {
            public struct Vector: Sendable, Hashable, Decodable {
                public let vectorString: String
            }

            public let products: [String]?
            public let cvssV3: Vector?
            public let cvssV2: Vector?

            enum CodingKeys: String, CodingKey {
                case products
                case cvssV3 = "cvss_v3"
                case cvssV2 = "cvss_v2"
            }
        }

        public struct Flag: Sendable, Hashable, Decodable {
            public let label: String
            public let productIDs: [String]?

            enum CodingKeys: String, CodingKey {
                case label
                case productIDs = "product_ids"
            }
        }

        public struct Threat: Sendable, Hashable, Decodable {
            public let category: String
            public let details: String
            public let productIDs: [String]?

            enum CodingKeys: String, CodingKey {
                case category, details
                case productIDs = "product_ids"
            }
        }

        public let cve: String?
        public let ids: [Identifier]?
        public let title: String?
        public let cwe: Weakness?
        public let notes: [Note]?
        public let scores: [Score]?
        /// Product ids by status (`known_affected`, `fixed`, `known_not_affected` …).
        public let productStatus: [String: [String]]?
        public let flags: [Flag]?
        public let threats: [Threat]?

        enum CodingKeys: String, CodingKey {
            case cve, ids, title, cwe, notes, scores, flags, threats
            case productStatus = "product_status"
        }

        /// The CVE, then the other ids.
        public var identifiers: [String] { (cve.map { [$0] } ?? []) + (ids ?? []).map(\.text) }
    }

    public let document: Document
    /// Every product of the product tree by id: branches (with the version of their `product_version` branch),
    /// full product names, and relationships (a product installed on another is the product it refers to).
    public let products: [String: Product]
    public let vulnerabilities: [Vulnerability]

    enum CodingKeys: String, CodingKey {
        case document, vulnerabilities
        case productTree = "product_tree"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        document = try container.decode(Document.self, forKey: .document)
        vulnerabilities = try container.decodeIfPresent([Vulnerability].self, forKey: .vulnerabilities) ?? []
        products = try container.decodeIfPresent(ProductTree.self, forKey: .productTree)?.products() ?? [:]
    }

    /// Reads a CSAF 2.0 JSON document.
    ///
    /// - Throws: `CSAFError` naming the field at fault.
    public static func read(_ data: Data) throws(CSAFError) -> CSAFDocument {
        if let problem = JSONNesting.problem(in: data) { throw CSAFError(problem) }
        do {
            return try JSONDecoder().decode(CSAFDocument.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw CSAFError("A CSAF document is a JSON object.")
        } catch let error as DecodingError {
            throw CSAFError("The CSAF document is malformed: \(error.fieldDescription).")
        } catch {
            throw CSAFError("The CSAF document is not JSON.")
        }
    }
}

/// The product tree as written: nested branches, full product names and relationships.
private struct ProductTree: Decodable {
    struct FullProductName: Decodable {
        struct Helper: Decodable { let purl: String? }

        let productID: String
        let name: String?
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

    let branches: [Branch]?
    let fullProductNames: [FullProductName]?
    let relationships: [Relationship]?

    enum CodingKeys: String, CodingKey {
        case branches, relationships
        case fullProductNames = "full_product_names"
    }

    func products() -> [String: CSAFDocument.Product] {
        var products: [String: CSAFDocument.Product] = [:]
        // Depth first, in document order, with a stack of its own rather than recursion.
        var pending: [(branch: Branch, version: String?)] = (branches ?? []).reversed().map { ($0, nil) }
        while let (branch, inherited) = pending.popLast() {
            let version = branch.category == "product_version" ? branch.name : inherited
            if let product = branch.product {
                products[product.productID] = CSAFDocument.Product(
                    id: product.productID, name: product.name, purl: product.helper?.purl, version: version)
            }
            pending += (branch.branches ?? []).reversed().map { ($0, version) }
        }
        for product in fullProductNames ?? [] {
            products[product.productID] = CSAFDocument.Product(
                id: product.productID, name: product.name, purl: product.helper?.purl, version: nil)
        }
        for relationship in relationships ?? [] {
            let referenced = products[relationship.productReference]
            let named = relationship.fullProductName
            products[named.productID] = CSAFDocument.Product(
                id: named.productID, name: referenced?.name ?? named.name, purl: named.helper?.purl ?? referenced?.purl,
                version: referenced?.version)
        }
        return products
    }
}
