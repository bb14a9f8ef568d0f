public import JSONSupport
import PackageURL

/// The finding document: how a finding is written in the native intake format, stored, and served.
///
/// ```json
/// {"title": "Heap overflow in png_read_row", "target": {"purl": "pkg:generic/libpng@1.6.39"},
///  "cwe": ["CWE-787"], "locations": [{"path": "pngread.c", "start_line": 512, "function": "png_read_row"}],
///  "stacks": [["png_read_row", "png_process_data"]], "artifacts": ["sha256:…"],
///  "provenance": {"tool": "acme-agent", "model": "acme-1"}}
/// ```
///
/// Unknown fields are refused at every level; a stack frame may be a location object or a frame's text.
extension FindingDraft: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, title, description, target, network, level, cwe, aliases, locations, stacks, fingerprints
        case artifacts, properties, provenance
        case ruleID = "rule_id"
        case cvssVector = "cvss_vector"
        case codeFlows = "code_flows"
        case partialFingerprints = "partial_fingerprints"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let stacks = try container.decodeIfPresent([[FrameOrLocation]].self, forKey: .stacks) ?? []
        self.init(
            format: try container.decodeIfPresent(FindingFormat.self, forKey: .format) ?? .native,
            title: try container.decode(String.self, forKey: .title),
            description: try container.decodeIfPresent(String.self, forKey: .description),
            target: try container.decodeIfPresent(FindingTarget.self, forKey: .target),
            network: try container.decodeIfPresent(FindingNetworkTarget.self, forKey: .network),
            ruleID: try container.decodeIfPresent(String.self, forKey: .ruleID),
            level: try container.decodeIfPresent(String.self, forKey: .level),
            weaknesses: try container.decodeIfPresent([String].self, forKey: .cwe) ?? [],
            cvssVector: try container.decodeIfPresent(String.self, forKey: .cvssVector),
            aliases: try container.decodeIfPresent([String].self, forKey: .aliases) ?? [],
            locations: try container.decodeIfPresent([FindingLocation].self, forKey: .locations) ?? [],
            codeFlows: try container.decodeIfPresent([[FindingLocation]].self, forKey: .codeFlows) ?? [],
            stacks: stacks.map { $0.map(\.location) },
            toolFingerprints: try container.decodeIfPresent([String: String].self, forKey: .fingerprints) ?? [:],
            partialFingerprints: try container.decodeIfPresent([String: String].self, forKey: .partialFingerprints)
                ?? [:],
            artifacts: try container.decodeIfPresent([ArtifactDigest].self, forKey: .artifacts) ?? [],
            properties: try container.decodeIfPresent([String: JSONTree].self, forKey: .properties) ?? [:],
            provenance: try container.decodeIfPresent(FindingProvenance.self, forKey: .provenance)
                ?? FindingProvenance())
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encodeIfPresent(network, forKey: .network)
        try container.encodeIfPresent(ruleID, forKey: .ruleID)
        try container.encodeIfPresent(level, forKey: .level)
        try container.encode(weaknesses, forKey: .cwe)
        try container.encodeIfPresent(cvssVector, forKey: .cvssVector)
        try container.encode(aliases, forKey: .aliases)
        try container.encode(locations, forKey: .locations)
        if !codeFlows.isEmpty { try container.encode(codeFlows, forKey: .codeFlows) }
        if !stacks.isEmpty { try container.encode(stacks, forKey: .stacks) }
        if !toolFingerprints.isEmpty { try container.encode(toolFingerprints, forKey: .fingerprints) }
        if !partialFingerprints.isEmpty { try container.encode(partialFingerprints, forKey: .partialFingerprints) }
        try container.encode(artifacts, forKey: .artifacts)
        if !properties.isEmpty { try container.encode(properties, forKey: .properties) }
        try container.encode(provenance, forKey: .provenance)
    }
}

/// A stack frame as a location object, or as the frame's text (`#0 0x4f2a in png_read_row pngread.c:512`).
private struct FrameOrLocation: Decodable {
    let location: FindingLocation

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            location = FindingLocation(function: text)
        } else {
            location = try FindingLocation(from: decoder)
        }
    }
}

extension FindingFormat: Codable {}

extension FindingTarget: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case purl, repository, commit
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let purl = try container.decodeIfPresent(String.self, forKey: .purl) {
            guard let parsed = try? PackageURL(parsing: purl) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .purl, in: container, debugDescription: "is not a valid Package URL")
            }
            self = .package(parsed)
        } else if let repository = try container.decodeIfPresent(String.self, forKey: .repository) {
            self = .repository(url: repository, commit: try container.decodeIfPresent(String.self, forKey: .commit))
        } else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "must have `purl`, or `repository` with an optional `commit`"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .package(let purl):
            try container.encode(purl.description, forKey: .purl)
        case .repository(let url, let commit):
            try container.encode(url, forKey: .repository)
            try container.encodeIfPresent(commit, forKey: .commit)
        }
    }
}

extension ArtifactDigest: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let digest = ArtifactDigest(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "must be `sha256:` and 64 hexadecimal digits")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
