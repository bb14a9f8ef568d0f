public import JSONSupport

/// The mandatory tests of CSAF 2.0 (section 6.1) run here: those on product ids and statuses, and those of the two
/// profiles this project writes (`csaf_security_advisory`, `csaf_vex`). A document that fails a mandatory test is
/// not a valid CSAF document, whatever its schema says.
///
/// Walks the product tree's nested branches with an explicit stack, so a hostile document cannot exhaust the call
/// stack.
public enum CSAFMandatoryTest: String, Sendable, Hashable, CaseIterable {
    /// 6.1.1: every product id a document refers to is defined in the product tree.
    case missingProductDefinition = "6.1.1"
    /// 6.1.2: no product id is defined twice.
    case multipleProductDefinitions = "6.1.2"
    /// 6.1.6: no product is in two of the groups affected, not affected, fixed and under investigation.
    case contradictingProductStatus = "6.1.6"
    /// 6.1.27.4: an advisory or VEX document has a product tree.
    case productTree = "6.1.27.4"
    /// 6.1.27.5: each vulnerability of an advisory or VEX document has notes.
    case vulnerabilityNotes = "6.1.27.5"
    /// 6.1.27.6: each vulnerability of an advisory or VEX document has product statuses.
    case productStatus = "6.1.27.6"
    /// 6.1.27.7: each vulnerability of a VEX document has one of its four statuses.
    case vexProductStatus = "6.1.27.7"
    /// 6.1.27.8: each vulnerability of a VEX document has a CVE or another id.
    case vulnerabilityID = "6.1.27.8"
    /// 6.1.27.9: each product a VEX document says is not affected has a flag or an impact statement.
    case impactStatement = "6.1.27.9"
    /// 6.1.27.10: each product a VEX document says is affected has a remediation.
    case actionStatement = "6.1.27.10"
    /// 6.1.27.11: an advisory or VEX document has vulnerabilities.
    case vulnerabilities = "6.1.27.11"

    /// One failure: the test, where (a JSON pointer), and what is wrong.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public let test: CSAFMandatoryTest
        public let pointer: String
        public let message: String

        public var description: String { "\(test.rawValue) at \(pointer): \(message)" }
    }

    /// Runs every test on a document and returns the failures, in the order of the tests.
    public static func run(_ document: JSONTree) -> [Failure] {
        var failures: [Failure] = []
        let category = document["document"]?["category"].flatMap(\.text) ?? ""
        let profiled = category == "csaf_security_advisory" || category == "csaf_vex"
        let isVEX = category == "csaf_vex"
        let groups = productGroups(document["product_tree"])

        let defined = definitions(document["product_tree"])
        var seen: Set<String> = []
        for (id, pointer) in defined where !seen.insert(id).inserted {
            failures.append(.init(multipleProductDefinitions, pointer, "`\(id)` is defined more than once"))
        }
        for (id, pointer) in references(document) where !seen.contains(id) {
            failures.append(.init(missingProductDefinition, pointer, "`\(id)` is not defined in the product tree"))
        }

        if profiled && document["product_tree"] == nil {
            failures.append(.init(productTree, "/product_tree", "a \(category) has a product tree"))
        }
        guard case .array(let vulnerabilities)? = document["vulnerabilities"] else {
            if profiled {
                failures.append(.init(Self.vulnerabilities, "/vulnerabilities", "a \(category) has vulnerabilities"))
            }
            return failures
        }
        for (index, vulnerability) in vulnerabilities.enumerated() {
            let at = "/vulnerabilities/\(index)"
            failures += contradictions(vulnerability["product_status"], at: at + "/product_status")
            if profiled && vulnerability["notes"] == nil {
                failures.append(.init(vulnerabilityNotes, at + "/notes", "each vulnerability has notes"))
            }
            if profiled && vulnerability["product_status"] == nil {
                failures.append(.init(productStatus, at + "/product_status", "each vulnerability has product statuses"))
            }
            guard isVEX else { continue }
            failures += vexFailures(vulnerability, at: at, groups: groups)
        }
        return failures
    }

    private static func vexFailures(_ vulnerability: JSONTree, at: String, groups: [String: [String]]) -> [Failure] {
        var failures: [Failure] = []
        let status = vulnerability["product_status"]
        if status != nil,
            ["fixed", "known_affected", "known_not_affected", "under_investigation"].allSatisfy({
                status?[$0] == nil
            })
        {
            failures.append(
                .init(
                    vexProductStatus, at + "/product_status",
                    "a VEX vulnerability says which products are fixed, affected, not affected or under investigation"))
        }
        if vulnerability["cve"] == nil && vulnerability["ids"] == nil {
            failures.append(.init(vulnerabilityID, at, "a VEX vulnerability has a `cve` or `ids`"))
        }
        let impacts = covered(vulnerability["flags"], groups: groups)
            .union(covered(vulnerability["threats"], groups: groups) { $0["category"]?.text == "impact" })
        for (index, id) in (status?["known_not_affected"]?.strings ?? []).enumerated() where !impacts.contains(id) {
            failures.append(
                .init(
                    impactStatement, at + "/product_status/known_not_affected/\(index)",
                    "`\(id)` is not affected, but no flag or impact threat says why"))
        }
        let actions = covered(vulnerability["remediations"], groups: groups)
        for (index, id) in (status?["known_affected"]?.strings ?? []).enumerated() where !actions.contains(id) {
            failures.append(
                .init(
                    actionStatement, at + "/product_status/known_affected/\(index)",
                    "`\(id)` is affected, but no remediation says what to do"))
        }
        return failures
    }

    /// The products each product group of the tree holds, by group id.
    private static func productGroups(_ tree: JSONTree?) -> [String: [String]] {
        guard case .array(let groups)? = tree?["product_groups"] else { return [:] }
        var products: [String: [String]] = [:]
        for group in groups {
            if let id = group["group_id"]?.text { products[id, default: []] += group["product_ids"]?.strings ?? [] }
        }
        return products
    }

    /// The product ids that the entries of a list (flags, threats, remediations) name, directly or by group.
    private static func covered(
        _ list: JSONTree?, groups: [String: [String]], where include: (JSONTree) -> Bool = { _ in true }
    ) -> Set<String> {
        guard case .array(let entries)? = list else { return [] }
        var ids: Set<String> = []
        for entry in entries where include(entry) {
            ids.formUnion(entry["product_ids"]?.strings ?? [])
            for group in entry["group_ids"]?.strings ?? [] { ids.formUnion(groups[group] ?? []) }
        }
        return ids
    }

    /// The status groups of 6.1.6, by the status names in each.
    private static let statusGroups: [(name: String, statuses: [String])] = [
        ("affected", ["first_affected", "known_affected", "last_affected"]),
        ("not affected", ["known_not_affected"]),
        ("fixed", ["first_fixed", "fixed"]),
        ("under investigation", ["under_investigation"]),
    ]

    private static func contradictions(_ status: JSONTree?, at: String) -> [Failure] {
        guard let status else { return [] }
        var groupOf: [String: String] = [:]
        var failures: [Failure] = []
        for (group, statuses) in statusGroups {
            for name in statuses {
                for (index, id) in (status[name]?.strings ?? []).enumerated() {
                    if let other = groupOf[id], other != group {
                        failures.append(
                            .init(
                                contradictingProductStatus, "\(at)/\(name)/\(index)",
                                "`\(id)` is both \(other) and \(group)"))
                    } else {
                        groupOf[id] = group
                    }
                }
            }
        }
        return failures
    }

    /// Every product id the product tree defines, with where: in each branch's `product` (at any depth), in
    /// `full_product_names`, and in each relationship's `full_product_name`.
    private static func definitions(_ tree: JSONTree?) -> [(String, String)] {
        guard let tree else { return [] }
        var found: [(String, String)] = []
        var stack: [(JSONTree, String)] = []
        if case .array(let branches)? = tree["branches"] {
            stack = branches.enumerated().map { ($1, "/product_tree/branches/\($0)") }.reversed()
        }
        while let (branch, pointer) = stack.popLast() {
            if let id = branch["product"]?["product_id"]?.text { found.append((id, pointer + "/product/product_id")) }
            if case .array(let children)? = branch["branches"] {
                stack += children.enumerated().map { ($1, "\(pointer)/branches/\($0)") }.reversed()
            }
        }
        if case .array(let names)? = tree["full_product_names"] {
            for (index, name) in names.enumerated() {
                if let id = name["product_id"]?.text {
                    found.append((id, "/product_tree/full_product_names/\(index)/product_id"))
                }
            }
        }
        if case .array(let relationships)? = tree["relationships"] {
            for (index, relationship) in relationships.enumerated() {
                if let id = relationship["full_product_name"]?["product_id"]?.text {
                    found.append((id, "/product_tree/relationships/\(index)/full_product_name/product_id"))
                }
            }
        }
        return found
    }

    /// Every product id the document refers to, with where: product groups, relationships, and each
    /// vulnerability's statuses, remediations, scores, threats and flags.
    private static func references(_ document: JSONTree) -> [(String, String)] {
        var found: [(String, String)] = []
        func collect(_ value: JSONTree?, _ pointer: String) {
            for (index, id) in (value?.strings ?? []).enumerated() { found.append((id, "\(pointer)/\(index)")) }
        }
        let tree = document["product_tree"]
        if case .array(let groups)? = tree?["product_groups"] {
            for (index, group) in groups.enumerated() {
                collect(group["product_ids"], "/product_tree/product_groups/\(index)/product_ids")
            }
        }
        if case .array(let relationships)? = tree?["relationships"] {
            for (index, relationship) in relationships.enumerated() {
                for key in ["product_reference", "relates_to_product_reference"] {
                    if let id = relationship[key]?.text {
                        found.append((id, "/product_tree/relationships/\(index)/\(key)"))
                    }
                }
            }
        }
        guard case .array(let vulnerabilities)? = document["vulnerabilities"] else { return found }
        for (index, vulnerability) in vulnerabilities.enumerated() {
            let at = "/vulnerabilities/\(index)"
            if case .object(let statuses)? = vulnerability["product_status"] {
                for (name, ids) in statuses.sorted(by: { $0.key < $1.key }) {
                    collect(ids, "\(at)/product_status/\(name)")
                }
            }
            for list in ["remediations", "threats", "flags"] {
                guard case .array(let entries)? = vulnerability[list] else { continue }
                for (entry, value) in entries.enumerated() {
                    collect(value["product_ids"], "\(at)/\(list)/\(entry)/product_ids")
                }
            }
            if case .array(let scores)? = vulnerability["scores"] {
                for (entry, score) in scores.enumerated() {
                    collect(score["products"], "\(at)/scores/\(entry)/products")
                }
            }
        }
        return found
    }
}

extension CSAFMandatoryTest.Failure {
    init(_ test: CSAFMandatoryTest, _ pointer: String, _ message: String) {
        self.init(test: test, pointer: pointer, message: message)
    }
}

extension JSONTree {
    /// A string value's text.
    fileprivate var text: String? {
        if case .string(let text) = self { text } else { nil }
    }
}
