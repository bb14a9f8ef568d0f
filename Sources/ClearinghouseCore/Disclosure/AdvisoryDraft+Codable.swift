public import Foundation
import PackageURL

/// How a published advisory is stored: its fields by name, times as seconds since the Unix epoch, purls and ids in
/// their text forms, each read back with the checks it was made with.
extension AdvisoryDraft: Codable {
    enum CodingKeys: String, CodingKey {
        case id, summary, details, aliases, affected, credits, references
        case cvssVector = "cvss_vector"
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
