public import Foundation
import PackageURL

/// How a published advisory is stored: its fields by name, times as seconds since the Unix epoch, purls and ids in
/// their text forms, each read back with the checks it was made with.
extension AdvisoryDraft: Codable {
    enum CodingKeys: String, CodingKey {
        case id, summary, details, aliases, affected, credits, references
        case cvssVector = "cvss_vector"
        case vendorStatements = "vendor_statements"
        case published, modified
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .id)
        do {
            id = try AdvisoryID(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container, debugDescription: error.message)
        }
        summary = try container.decode(String.self, forKey: .summary)
        details = try container.decode(String.self, forKey: .details)
        aliases = try container.decode([String].self, forKey: .aliases)
        affected = try container.decode([AffectedPackage].self, forKey: .affected)
        credits = try container.decode([Credit].self, forKey: .credits)
        references = try container.decode([Reference].self, forKey: .references)
        cvssVector = try container.decodeIfPresent(String.self, forKey: .cvssVector)
        // Drafts published before vendors' statements were kept have none.
        vendorStatements = try container.decodeIfPresent([VendorStatement].self, forKey: .vendorStatements) ?? []
        published = Date(timeIntervalSince1970: try container.decode(Double.self, forKey: .published))
        modified = Date(timeIntervalSince1970: try container.decode(Double.self, forKey: .modified))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.description, forKey: .id)
        try container.encode(summary, forKey: .summary)
        try container.encode(details, forKey: .details)
        try container.encode(aliases, forKey: .aliases)
        try container.encode(affected, forKey: .affected)
        try container.encode(credits, forKey: .credits)
        try container.encode(references, forKey: .references)
        try container.encodeIfPresent(cvssVector, forKey: .cvssVector)
        if !vendorStatements.isEmpty { try container.encode(vendorStatements, forKey: .vendorStatements) }
        try container.encode(published.timeIntervalSince1970, forKey: .published)
        try container.encode(modified.timeIntervalSince1970, forKey: .modified)
    }
}

extension AdvisoryDraft.AffectedPackage: Codable {
    enum CodingKeys: String, CodingKey {
        case purl, introduced, fixed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .purl)
        guard let purl = try? PackageURL(parsing: text) else {
            throw DecodingError.dataCorruptedError(forKey: .purl, in: container, debugDescription: "not a Package URL")
        }
        self.init(
            purl: purl, introduced: try container.decodeIfPresent(String.self, forKey: .introduced),
            fixed: try container.decodeIfPresent(String.self, forKey: .fixed))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(purl.description, forKey: .purl)
        try container.encodeIfPresent(introduced, forKey: .introduced)
        try container.encodeIfPresent(fixed, forKey: .fixed)
    }
}

extension AdvisoryDraft.VendorStatement: Codable {
    enum CodingKeys: String, CodingKey {
        case vendor, status, justification, statement
        case recordedFix = "recorded_fix"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: RawRepresentable<String>>(_ key: CodingKeys, as type: T.Type) throws -> T? {
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let value = T(rawValue: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "unknown value")
            }
            return value
        }
        guard let status = try value(.status, as: ParticipantStatus.Status.self) else {
            throw DecodingError.valueNotFound(
                String.self, .init(codingPath: [CodingKeys.status], debugDescription: "no status"))
        }
        self.init(
            vendor: try container.decode(String.self, forKey: .vendor), status: status,
            justification: try value(.justification, as: ParticipantStatus.Justification.self),
            statement: try container.decodeIfPresent(String.self, forKey: .statement),
            recordedFix: try container.decodeIfPresent(Bool.self, forKey: .recordedFix) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(vendor, forKey: .vendor)
        try container.encode(status.rawValue, forKey: .status)
        try container.encodeIfPresent(justification?.rawValue, forKey: .justification)
        try container.encodeIfPresent(statement, forKey: .statement)
        try container.encode(recordedFix, forKey: .recordedFix)
    }
}
