public import Foundation
public import JSONSupport
public import OSV

extension AdvisoryDraft {
    /// The OSV schema version the documents are written to.
    public static let osvSchemaVersion = "1.7.0"

    /// The advisory as an OSV record, read back through the same schema and linter checks as an imported record:
    /// what the OSV API serves once the advisory is published.
    ///
    /// - Throws: `invalid_field` for `affected` when a package has no OSV ecosystem; `invalid_request` naming the
    ///   checks the record fails.
    public func osvRecord() throws(ClearinghouseError) -> OSVRecord {
        let reading = OSVRecord.read(try osvDocument(), numbersAreText: false)
        guard let record = reading.record else {
            throw ClearinghouseError(
                .invalidRequest,
                "The advisory does not make a valid OSV record: \(reading.errors.map(\.description).joined(separator: "; "))"
            )
        }
        return record
    }

    /// The advisory as an OSV JSON document.
    ///
    /// - Throws: `invalid_field` for `affected` when a package has no OSV ecosystem (`pkg:generic/...`).
    public func osvDocument() throws(ClearinghouseError) -> JSONTree {
        var document: [String: JSONTree] = [
            "schema_version": .string(Self.osvSchemaVersion),
            "id": .string(id.osv),
            "published": .string(Self.timestamp(published)),
            "modified": .string(Self.timestamp(modified)),
            "summary": .string(summary),
            "details": .string(details),
        ]
        if !aliases.isEmpty { document["aliases"] = .array(aliases.map(JSONTree.string)) }
        if let cvssVector {
            let type = cvssVector.hasPrefix("CVSS:4.") ? "CVSS_V4" : "CVSS_V3"
            document["severity"] = .array([.object(["type": .string(type), "score": .string(cvssVector)])])
        }
        var affectedEntries: [JSONTree] = []
        for (index, package) in affected.enumerated() {
            guard let (ecosystem, name) = Ecosystem.package(for: package.purl) else {
                throw .invalidField(
                    "affected[\(index)].purl",
                    "`\(package.purl)` has no OSV ecosystem, so OSV clients could not match it; name the package by a purl of a package registry."
                )
            }
            var events: [JSONTree] = [.object(["introduced": .string(package.introduced ?? "0")])]
            if let fixed = package.fixed { events.append(.object(["fixed": .string(fixed)])) }
            affectedEntries.append(
                .object([
                    "package": .object([
                        "ecosystem": .string(ecosystem), "name": .string(name),
                        "purl": .string(package.purl.description),
                    ]),
                    "ranges": .array([.object(["type": .string("ECOSYSTEM"), "events": .array(events)])]),
                ]))
        }
        document["affected"] = .array(affectedEntries)
        if !credits.isEmpty {
            document["credits"] = .array(
                credits.map { credit in
                    var entry: [String: JSONTree] = [
                        "name": .string(credit.name), "type": .string(credit.kind.rawValue),
                    ]
                    if !credit.contact.isEmpty { entry["contact"] = .array(credit.contact.map(JSONTree.string)) }
                    return .object(entry)
                })
        }
        if !references.isEmpty {
            document["references"] = .array(
                references.map { .object(["type": .string($0.kind.rawValue), "url": .string($0.url)]) })
        }
        return .object(document)
    }

    /// RFC 3339 in UTC, to the second, as OSV writes times.
    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
