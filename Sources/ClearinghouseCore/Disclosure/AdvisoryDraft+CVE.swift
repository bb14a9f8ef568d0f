import CVSS
public import Foundation
public import JSONSupport
import OSV
import PackageURL

extension AdvisoryDraft {
    /// The advisory as the CNA container of a CVE JSON 5.1 record: what a CVE Numbering Authority submits for a
    /// reserved CVE id (`cve publish CVE-… -f container.json` with cvelib, or `POST /cve/{id}/cna` to CVE Services).
    ///
    /// Each affected package is a product named by its package collection and name (or by vendor and product when
    /// its registry has no collection URL), affected from its first version until its fix (`lessThan`, `*` when
    /// there is none), unaffected otherwise. The details are the description (CVE allows 4,096 characters: longer
    /// details are cut at a line, and the advisory's URL says where the rest is).
    ///
    /// - Parameters:
    ///   - organization: the CNA's organization UUID in CVE Services; `nil` leaves `providerMetadata` out, and
    ///     cvelib fills it in from the organization that submits.
    ///   - url: the published advisory's address, the record's first reference.
    public func cveContainer(organization: UUID?, url: String) -> JSONTree {
        var container: [String: JSONTree] = [
            "title": .string(Self.clipped(summary, to: 256)),
            "descriptions": .array([.object(["lang": .string("en"), "value": .string(cveDescription(url: url))])]),
            "affected": .array(affected.map(Self.cveProduct)),
            "references": .array(
                [.object(["url": .string(url), "name": .string(id.description)])]
                    + references.map { reference in
                        var entry: [String: JSONTree] = ["url": .string(reference.url)]
                        if let tag = Self.cveReferenceTags[reference.kind] { entry["tags"] = .array([.string(tag)]) }
                        return .object(entry)
                    }),
            "datePublic": .string(Self.csafTimestamp(published)),
        ]
        if let organization {
            container["providerMetadata"] = .object(["orgId": .string(organization.uuidString.lowercased())])
        }
        if !credits.isEmpty {
            container["credits"] = .array(
                credits.map {
                    .object([
                        "lang": .string("en"), "value": .string(Self.clipped($0.name, to: 4_096)),
                        "type": .string($0.kind.rawValue.lowercased().replacingOccurrences(of: "_", with: " ")),
                    ])
                })
        }
        if let metric = cveMetric() { container["metrics"] = .array([metric]) }
        return .object(container)
    }

    /// The details, or as many of their lines as fit in CVE's 4,096 characters with a pointer to the rest.
    private func cveDescription(url: String) -> String {
        let text = details.isEmpty ? summary : details
        guard text.unicodeScalars.count > 4_096 else { return text }
        let pointer = "\n\nThe full advisory: \(url)"
        let room = text.unicodeScalars.prefix(4_096 - pointer.unicodeScalars.count)
        let cut = room.lastIndex(of: "\n").map { room[..<$0] } ?? room
        return String(String.UnicodeScalarView(cut)) + pointer
    }

    /// The CVSS vector with its base score and severity, under the version's key (`cvssV3_1`, `cvssV4_0`).
    private func cveMetric() -> JSONTree? {
        guard let cvssVector, let vector = try? CVSSVector(cvssVector), vector.version != .v2_0 else { return nil }
        let scores = vector.scores
        let key = "cvssV" + vector.version.rawValue.replacingOccurrences(of: ".", with: "_")
        return .object([
            key: .object([
                "version": .string(vector.version.rawValue), "vectorString": .string(vector.text),
                "baseScore": .number(String(format: "%.1f", scores.base)),
                "baseSeverity": .string(CVSSScores.Severity(scores.base).rawValue),
            ])
        ])
    }

    private static func cveProduct(_ package: AffectedPackage) -> JSONTree {
        var product: [String: JSONTree] = ["defaultStatus": .string("unaffected")]
        if let collection = cveCollections[package.purl.type], let (_, name) = Ecosystem.package(for: package.purl) {
            product["collectionURL"] = .string(collection)
            product["packageName"] = .string(name)
        } else {
            product["vendor"] = .string(package.purl.namespace ?? "n/a")
            product["product"] = .string(package.purl.name)
        }
        product["versions"] = .array([
            .object([
                "version": .string(package.introduced ?? "0"), "lessThan": .string(package.fixed ?? "*"),
                "status": .string("affected"), "versionType": .string(cveVersionTypes[package.purl.type] ?? "custom"),
            ])
        ])
        return .object(product)
    }

    private static func clipped(_ text: String, to length: Int) -> String {
        guard text.unicodeScalars.count > length else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(length - 1))) + "…"
    }

    /// The package collections CVE's schema names, by Package URL type.
    private static let cveCollections: [String: String] = [
        "pypi": "https://pypi.python.org", "npm": "https://registry.npmjs.org", "cargo": "https://crates.io",
        "maven": "https://repo.maven.apache.org/maven2", "gem": "https://rubygems.org",
        "nuget": "https://nuget.org/packages", "composer": "https://packagist.org", "hex": "https://repo.hex.pm",
        "pub": "https://pub.dev", "hackage": "https://hackage.haskell.org", "cran": "https://cran.r-project.org",
        "golang": "https://golang.org/pkg",
    ]

    /// How CVE records name each registry's version ordering.
    private static let cveVersionTypes: [String: String] = [
        "pypi": "python", "npm": "semver", "cargo": "semver", "golang": "semver", "maven": "maven", "rpm": "rpm",
        "gem": "custom", "nuget": "semver",
    ]

    /// CVE's reference tags for OSV's kinds of reference; the others go untagged.
    private static let cveReferenceTags: [Reference.Kind: String] = [
        .fix: "patch", .report: "issue-tracking", .advisory: "third-party-advisory",
        .article: "technical-description", .detection: "signature",
    ]
}
