import ClearinghouseCore
import Foundation
import JSONSupport

/// The body of `POST /v1/scans`: `{"scope", "technique", "agent", "starts_at", "duration_seconds",
/// "allow_overlap"}`.
struct ScanClaimBody: JSONRequestBody {
    let scope: ScanScopeBody
    let technique: String
    let agent: ScanAgentBody
    let startsAt: Date?
    let durationSeconds: Int
    let allowOverlap: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case scope, technique, agent
        case startsAt = "starts_at"
        case durationSeconds = "duration_seconds"
        case allowOverlap = "allow_overlap"
    }

    /// The technique, checked.
    func checkedTechnique() throws(ClearinghouseError) -> ScanTechnique {
        guard let technique = ScanTechnique(rawValue: technique) else {
            let names = ScanTechnique.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw .invalidField("technique", "`technique` is one of \(names).")
        }
        return technique
    }
}

/// `{"kind": "pkg", "purl", "range"}`, `{"kind": "repo", "url", "ref"}`, `{"kind": "net", "cidr"}` or
/// `{"kind": "net", "host"}`.
struct ScanScopeBody: Decodable, Sendable {
    let request: ScanScope.Request

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, purl, range, url, ref, cidr, host
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try decoder.rejectUnknownKeys(CodingKeys.self)
        request = ScanScope.Request(
            kind: try container.decode(String.self, forKey: .kind),
            purl: try container.decodeIfPresent(String.self, forKey: .purl),
            range: try container.decodeIfPresent(String.self, forKey: .range),
            url: try container.decodeIfPresent(String.self, forKey: .url),
            ref: try container.decodeIfPresent(String.self, forKey: .ref),
            cidr: try container.decodeIfPresent(String.self, forKey: .cidr),
            host: try container.decodeIfPresent(String.self, forKey: .host))
    }
}

/// `{"tool", "model", "version"}`: what does the scanning.
struct ScanAgentBody: Decodable, Sendable {
    let provenance: ScanProvenance

    enum CodingKeys: String, CodingKey, CaseIterable {
        case tool, model, version
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try decoder.rejectUnknownKeys(CodingKeys.self)
        provenance = ScanProvenance(
            tool: try container.decode(String.self, forKey: .tool),
            model: try container.decodeIfPresent(String.self, forKey: .model),
            version: try container.decodeIfPresent(String.self, forKey: .version))
    }
}

/// The body of `POST /v1/scans/{id}/extend`: `{"duration_seconds"}`, added to the lease's window.
struct ScanExtendBody: JSONRequestBody {
    let durationSeconds: Int

    enum CodingKeys: String, CodingKey, CaseIterable {
        case durationSeconds = "duration_seconds"
    }
}

/// The body of `POST /v1/scans/{id}/complete`: `{"summary": {"findings": 3, …}}`; an empty body completes with no
/// counts.
struct ScanCompleteBody: JSONRequestBody {
    static var emptyBodyAllowed: Bool { true }

    let summary: [String: Int]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case summary
    }
}
