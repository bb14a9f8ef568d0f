import Crypto
public import Foundation
public import JSONSupport

extension AdvisoryDraft {
    /// The namespace of the name-based UUIDs of this project's STIX objects (a random UUID, fixed once).
    static let stixNamespace = UUID(uuidString: "6f1c2a5e-8b7d-4c3e-9a21-0d4e5f6a7b8c")!

    /// The advisory's STIX 2.1 `vulnerability` object's id: `vulnerability--` and a name-based (version 5) UUID of
    /// the advisory id, so that the object keeps its id whenever and wherever it is written again.
    public var stixID: String { "vulnerability--\(Self.nameBasedUUID(id.description).uuidString.lowercased())" }

    /// The advisory as a STIX 2.1 `vulnerability` object, for TAXII collections: its id as the name, the summary
    /// and details as the description, and the advisory's own id and its aliases (CVE ids under `cve`) as external
    /// references.
    public func stixVulnerability() -> JSONTree {
        var external: [JSONTree] = [
            .object(["source_name": .string(id.prefix.lowercased()), "external_id": .string(id.description)])
        ]
        for alias in aliases {
            let source = alias.hasPrefix("CVE-") ? "cve" : String(alias.prefix { $0 != "-" }).lowercased()
            external.append(.object(["source_name": .string(source), "external_id": .string(alias)]))
        }
        for reference in references where reference.kind == .fix {
            external.append(.object(["source_name": .string("fix"), "url": .string(reference.url)]))
        }
        return .object([
            "type": .string("vulnerability"),
            "spec_version": .string("2.1"),
            "id": .string(stixID),
            "created": .string(Self.stixTimestamp(published)),
            "modified": .string(Self.stixTimestamp(max(modified, published))),
            "name": .string(id.description),
            "description": .string("\(summary)\n\n\(details)"),
            "external_references": .array(external),
        ])
    }

    /// The `vulnerability` object in a STIX 2.1 bundle, as a file of its own is written; the bundle's id is
    /// name-based too, so that one advisory's file reads the same every time.
    public func stixBundle() -> JSONTree {
        .object([
            "type": .string("bundle"),
            "id": .string("bundle--\(Self.nameBasedUUID("bundle " + id.description).uuidString.lowercased())"),
            "objects": .array([stixVulnerability()]),
        ])
    }

    /// STIX timestamps: RFC 3339 in UTC with milliseconds, as `created` and `modified` must be.
    static func stixTimestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    /// RFC 9562's version 5 (SHA-1, name-based) UUID of `name` in `namespace`.
    static func nameBasedUUID(_ name: String, in namespace: UUID = stixNamespace) -> UUID {
        var input = withUnsafeBytes(of: namespace.uuid) { Array($0) }
        input.append(contentsOf: Array(name.utf8))
        var bytes = Array(Insecure.SHA1.hash(data: input).prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
