import ClearinghouseCore
import ClearinghouseWorkflows
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
        try ScanTechnique(named: technique, field: "technique")
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

/// The body of `POST /v1/scan-assets`: `{"scope": {"kind": "net", "cidr" or "host"}, "name"}`.
struct ScanAssetBody: JSONRequestBody {
    let scope: ScanScopeBody
    let name: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case scope, name
    }
}

/// The body of `POST /v1/scan-assets/{id}/verify`: `{"method", "note"}`.
struct ScanAssetVerificationBody: JSONRequestBody {
    let method: String
    let note: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case method, note
    }

    func checkedMethod() throws(ClearinghouseError) -> ScanAsset.VerificationMethod {
        guard let method = ScanAsset.VerificationMethod(rawValue: method) else {
            let names = ScanAsset.VerificationMethod.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw .invalidField("method", "`method` is one of \(names).")
        }
        return method
    }
}

/// The body of `POST /v1/scan-grants`: `{"grantee_id", "scopes", "techniques", "starts_at", "ends_at",
/// "max_requests_per_second", "contact"}`.
struct ScanGrantBody: JSONRequestBody {
    let granteeID: String
    let scopes: [ScanScopeBody]
    let techniques: [String]
    let startsAt: Date?
    let endsAt: Date
    let maximumRequestsPerSecond: Int
    let contact: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case scopes, techniques, contact
        case granteeID = "grantee_id"
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case maximumRequestsPerSecond = "max_requests_per_second"
    }

    /// The grant as the workflow takes it, each scope and technique checked, naming the field at fault.
    func request() throws(ClearinghouseError) -> ScanGrantWorkflows.GrantRequest {
        guard let grantee = Organization.ID(granteeID) else {
            throw .invalidField("grantee_id", "`grantee_id` is an organization's id.")
        }
        guard scopes.count <= ScanGrant.maximumScopes else {
            throw .invalidField("scopes", "A grant covers 1 to \(ScanGrant.maximumScopes) scopes.")
        }
        var checked: [ScanScope] = []
        for (index, scope) in scopes.enumerated() {
            do {
                checked.append(try ScanScope(scope.request))
            } catch {
                // The scope's own fields are named under its place in the list: `scopes[2].cidr`.
                let field = error.field.map { "scopes[\(index)]" + $0.dropFirst("scope".count) } ?? "scopes[\(index)]"
                throw ClearinghouseError(error.code, error.message, field: field)
            }
        }
        let techniques = try techniques.map { name throws(ClearinghouseError) in
            try ScanTechnique(named: name, field: "techniques")
        }
        return ScanGrantWorkflows.GrantRequest(
            grantee: grantee, scopes: checked, techniques: techniques, startsAt: startsAt, endsAt: endsAt,
            maximumRequestsPerSecond: maximumRequestsPerSecond, contact: contact)
    }
}
