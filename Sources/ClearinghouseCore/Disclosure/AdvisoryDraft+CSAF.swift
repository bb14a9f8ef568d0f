public import Foundation
public import JSONSupport
import PackageURL

extension AdvisoryDraft {
    /// The two CSAF 2.0 profiles an advisory is written in.
    public enum CSAFProfile: String, Sendable, CaseIterable {
        /// `csaf_security_advisory`: the advisory for people, with its notes and remediations.
        case securityAdvisory = "csaf_security_advisory"
        /// `csaf_vex`: the same product statuses, for tools that decide whether a product is affected.
        case vex = "csaf_vex"
    }

    /// Who publishes the CSAF documents: the instance's name and a URL that is its namespace.
    public struct CSAFPublisher: Sendable, Hashable {
        public let name: String
        public let namespace: String

        public init(name: String, namespace: String) {
            self.name = name
            self.namespace = namespace
        }

        /// The publisher as the documents and the provider metadata name it: a `coordinator`.
        public var tree: JSONTree {
            .object(["category": .string("coordinator"), "name": .string(name), "namespace": .string(namespace)])
        }
    }

    /// The advisory as a CSAF 2.0 document of a profile, TLP:WHITE (published).
    ///
    /// Each affected package becomes a product for its affected range (`product_version_range`, a `vers` range)
    /// and, when it is fixed, one for its first fixed version with its Package URL. The one vulnerability lists
    /// the range as `known_affected` and the fixed version as `fixed`, with a vendor fix (or `none_available`) as
    /// the action for each range, the advisory's id and aliases, its notes, credits and references. Each vendor's
    /// statement adds the vendor's products with the status it gave.
    ///
    /// - Parameter url: where the document itself is served (its `self` reference).
    public func csafDocument(_ profile: CSAFProfile, publisher: CSAFPublisher, url: String) -> JSONTree {
        var ranges: [String: [JSONTree]] = [:]
        var order: [String] = []
        var affectedIDs: [String] = []
        var fixedIDs: [String] = []
        var remediations: [JSONTree] = []
        for (index, package) in affected.enumerated() {
            let base = package.purl.description
            if ranges[base] == nil { order.append(base) }
            let rangeID = String(format: "CSAFPID-%04d", 2 * index + 1)
            let range = Self.vers(package)
            var leaves: [JSONTree] = [
                .object([
                    "category": .string("product_version_range"), "name": .string(range),
                    "product": .object([
                        "name": .string("\(package.purl.name) \(range)"), "product_id": .string(rangeID),
                    ]),
                ])
            ]
            affectedIDs.append(rangeID)
            if let fixed = package.fixed {
                let fixedID = String(format: "CSAFPID-%04d", 2 * index + 2)
                var product: [String: JSONTree] = [
                    "name": .string("\(package.purl.name) \(fixed)"), "product_id": .string(fixedID),
                ]
                if let versioned = try? PackageURL(
                    type: package.purl.type, namespace: package.purl.namespace, name: package.purl.name, version: fixed)
                {
                    product["product_identification_helper"] = .object(["purl": .string(versioned.description)])
                }
                leaves.append(
                    .object([
                        "category": .string("product_version"), "name": .string(fixed), "product": .object(product),
                    ]))
                fixedIDs.append(fixedID)
                remediations.append(
                    .object([
                        "category": .string("vendor_fix"),
                        "details": .string("Upgrade \(package.purl.name) to \(fixed) or later."),
                        "product_ids": .array([.string(rangeID)]),
                    ]))
            } else {
                remediations.append(
                    .object([
                        "category": .string("none_available"), "details": .string("No fixed version is available yet."),
                        "product_ids": .array([.string(rangeID)]),
                    ]))
            }
            ranges[base, default: []] += leaves
        }
        var branches = order.map { base in
            JSONTree.object([
                "category": .string("product_name"), "name": .string(base), "branches": .array(ranges[base] ?? []),
            ])
        }
        let vendors = csafVendorProducts()
        branches += vendors.branches
        remediations += vendors.remediations

        var status: [String: JSONTree] = [:]
        for (key, ids) in [
            ("known_affected", affectedIDs + vendors.status[.affected, default: []]),
            ("fixed", fixedIDs + vendors.status[.fixed, default: []]),
            ("known_not_affected", vendors.status[.notAffected, default: []]),
            ("under_investigation", vendors.status[.unknown, default: []]),
        ] where !ids.isEmpty {
            status[key] = .array(ids.map(JSONTree.string))
        }
        var vulnerability: [String: JSONTree] = [
            "ids": .array(
                [.object(["system_name": .string(id.prefix), "text": .string(id.description)])]
                    + aliases.filter { !Self.isCVE($0) }.map { alias in
                        .object([
                            "system_name": .string(String(alias.prefix { $0 != "-" })), "text": .string(alias),
                        ])
                    }),
            "notes": .array(
                [
                    .object(["category": .string("summary"), "title": .string("Summary"), "text": .string(summary)]),
                    .object([
                        "category": .string("description"), "title": .string("Details"), "text": .string(details),
                    ]),
                ] + vendors.notes),
            "title": .string(summary),
        ]
        if !vendors.flags.isEmpty { vulnerability["flags"] = .array(vendors.flags) }
        if !vendors.threats.isEmpty { vulnerability["threats"] = .array(vendors.threats) }
        if let cve = aliases.first(where: Self.isCVE) { vulnerability["cve"] = .string(cve) }
        if !status.isEmpty { vulnerability["product_status"] = .object(status) }
        if !remediations.isEmpty { vulnerability["remediations"] = .array(remediations) }
        if !credits.isEmpty {
            vulnerability["acknowledgments"] = .array(
                credits.map {
                    .object(["organization": .string($0.name), "summary": .string(Self.creditSummaries[$0.kind] ?? "")])
                })
        }
        if !references.isEmpty {
            vulnerability["references"] = .array(
                references.map {
                    .object([
                        "category": .string("external"), "summary": .string($0.kind.rawValue), "url": .string($0.url),
                    ])
                })
        }

        let published = Self.csafTimestamp(self.published)
        let document: [String: JSONTree] = [
            "category": .string(profile.rawValue),
            "csaf_version": .string("2.0"),
            "lang": .string("en"),
            "title": .string("\(id): \(summary)"),
            "publisher": publisher.tree,
            "distribution": .object(["tlp": .object(["label": .string("WHITE")])]),
            "notes": .array([
                .object(["category": .string("summary"), "title": .string("Summary"), "text": .string(summary)])
            ]),
            "references": .array([
                .object(["category": .string("self"), "summary": .string("This document"), "url": .string(url)])
            ]),
            "tracking": .object([
                "id": .string(id.description),
                "status": .string("final"),
                "version": .string("1"),
                "initial_release_date": .string(published),
                "current_release_date": .string(Self.csafTimestamp(csafCurrentRelease)),
                "revision_history": .array([
                    .object([
                        "date": .string(published), "number": .string("1"), "summary": .string("Published."),
                    ])
                ]),
                "generator": .object(["engine": .object(["name": .string("Clearinghouse")])]),
            ]),
        ]
        return .object([
            "document": .object(document),
            "product_tree": .object(["branches": .array(branches)]),
            "vulnerabilities": .array([.object(vulnerability)]),
        ])
    }

    /// The vendors' products and what their statements make of them: for each vendor a `vendor` branch with one
    /// product, its products as its statement covers them, listed under the status it gave (`unknown` is
    /// `under_investigation`); a product not affected carries the vendor's justification as a flag and its
    /// statement as an impact; one affected gets the vendor's fix as its remediation, or `none_available`; every
    /// statement is a note.
    private func csafVendorProducts() -> (
        branches: [JSONTree], status: [ParticipantStatus.Status: [String]], flags: [JSONTree], threats: [JSONTree],
        remediations: [JSONTree], notes: [JSONTree]
    ) {
        var branches: [JSONTree] = []
        var status: [ParticipantStatus.Status: [String]] = [:]
        var (flags, threats, remediations, notes): ([JSONTree], [JSONTree], [JSONTree], [JSONTree]) = ([], [], [], [])
        for (index, given) in vendorStatements.enumerated() {
            let productID = String(format: "CSAFPID-V%03d", index + 1)
            let ids = JSONTree.array([.string(productID)])
            branches.append(
                .object([
                    "category": .string("vendor"), "name": .string(given.vendor),
                    "branches": .array([
                        .object([
                            "category": .string("product_name"), "name": .string("Products"),
                            "product": .object([
                                "name": .string("\(given.vendor) products"), "product_id": .string(productID),
                            ]),
                        ])
                    ]),
                ]))
            status[given.status, default: []].append(productID)
            if let justification = given.justification {
                flags.append(.object(["label": .string(justification.rawValue), "product_ids": ids]))
            }
            if let statement = given.statement {
                notes.append(
                    .object([
                        "category": .string("other"), "title": .string("Statement of \(given.vendor)"),
                        "text": .string(statement),
                    ]))
                if given.status == .notAffected {
                    threats.append(
                        .object(["category": .string("impact"), "details": .string(statement), "product_ids": ids]))
                }
            }
            if given.status == .affected {
                remediations.append(
                    given.recordedFix
                        ? .object([
                            "category": .string("vendor_fix"),
                            "details": .string("\(given.vendor) fixed it: see the fixed versions in this advisory."),
                            "product_ids": ids,
                        ])
                        : .object([
                            "category": .string("none_available"),
                            "details": .string("\(given.vendor) has announced no fix yet."), "product_ids": ids,
                        ]))
            }
        }
        return (branches, status, flags, threats, remediations, notes)
    }

    /// The documents' `current_release_date`: when the advisory last changed, never before it was published.
    public var csafCurrentRelease: Date { max(modified, published) }

    /// A package's affected range as a `vers` range: from `introduced` (or every version) until `fixed` (or on).
    static func vers(_ package: AffectedPackage) -> String {
        func escaped(_ version: String) -> String {
            version.addingPercentEncoding(withAllowedCharacters: Self.versAllowed) ?? version
        }
        var constraints: [String] = []
        if let introduced = package.introduced, introduced != "0" { constraints.append(">=" + escaped(introduced)) }
        if let fixed = package.fixed { constraints.append("<" + escaped(fixed)) }
        return "vers:\(package.purl.type)/" + (constraints.isEmpty ? "*" : constraints.joined(separator: "|"))
    }

    /// What a `vers` version may hold as it is: the rest is percent-encoded.
    private static let versAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-_~+:"))

    private static func isCVE(_ alias: String) -> Bool { alias.hasPrefix("CVE-") }

    /// How a credit reads in CSAF's acknowledgments.
    private static let creditSummaries: [Credit.Kind: String] = [
        .finder: "found the vulnerability", .reporter: "reported the vulnerability",
        .analyst: "analysed the vulnerability", .coordinator: "coordinated the disclosure",
        .remediationDeveloper: "developed the fix", .remediationReviewer: "reviewed the fix",
        .remediationVerifier: "verified the fix", .tool: "tool", .sponsor: "sponsor", .other: "other",
    ]

    /// CSAF timestamps: RFC 3339 in UTC, to the millisecond.
    static func csafTimestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }
}
