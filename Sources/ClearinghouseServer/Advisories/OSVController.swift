import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import HTTPTypes
import Hummingbird
import JSONSupport

/// The OSV API, as osv.dev serves it, so that OSV clients work against Clearinghouse unchanged: `POST /v1/query`,
/// `POST /v1/querybatch`, `GET /v1/vulns/{id}`. Only published advisories the caller may see are answered;
/// anonymous callers see TLP:CLEAR ones.
struct OSVController {
    let environment: APIEnvironment
    let catalog: AdvisoryCatalog

    /// Queries per batch, as osv.dev allows.
    static let maximumBatch = 1_000

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/query", use: query)
        routes.on(.post, "/v1/querybatch", use: queryBatch)
        routes.on(.get, "/v1/vulns/{id}", use: vulnerability)
    }

    var queries: AdvisoryQueries {
        AdvisoryQueries(environment.workflows, catalog: catalog, pageSize: environment.configuration.osvPageSize)
    }

    /// `POST /v1/query`: the full records of the vulnerabilities affecting a package version or a commit.
    @Sendable func query(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(OSVQueryBody.self, limit: environment.configuration.maximumBodySize)
        let (records, next) = try await queries.records(
            for: try body.query.resolved(), pageToken: body.query.pageToken, field: "page_token",
            by: environment.requester(context))
        return .json(QueryAnswer(documents: records.map(RawJSON.init(bytes:)), next: next))
    }

    /// `POST /v1/querybatch`: for each query in order, the ids and modified times of what affects it.
    @Sendable func queryBatch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(OSVBatchBody.self, limit: environment.configuration.maximumBodySize)
        guard body.queries.count <= Self.maximumBatch else {
            throw ClearinghouseError.invalidField(
                "queries", "A batch holds at most \(Self.maximumBatch) queries; this one has \(body.queries.count).")
        }
        var resolved: [(query: AdvisoryQuery, pageToken: String?)] = []
        for (index, fields) in body.queries.enumerated() {
            resolved.append((try fields.resolved(field: "queries[\(index)]"), fields.pageToken))
        }
        let results = try queries.summaries(for: resolved, by: environment.requester(context))
        return .json(BatchAnswer(results: results.map { BatchResult(vulns: $0.summaries, next: $0.next) }))
    }

    /// `GET /v1/vulns/{id}`: one record, as stored.
    @Sendable func vulnerability(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = Advisory.ID(rawValue: context.parameters.decoded("id") ?? "")
        return .json(RawJSON(bytes: try await queries.record(id, by: environment.requester(context))))
    }
}

/// `{"vulns": [records], "next_page_token"}`, or `{}` when nothing matched.
private struct QueryAnswer: JSONWritable {
    let documents: [RawJSON]
    let next: String?

    func write(to json: inout JSONWriter) {
        json.object { json in
            if !documents.isEmpty { json.field("vulns", documents) }
            json.field("next_page_token", next)
        }
    }
}

/// `{"results": [...]}`, one result per query, in order.
private struct BatchAnswer: JSONWritable {
    let results: [BatchResult]

    func write(to json: inout JSONWriter) {
        json.object { json in json.field("results", results) }
    }
}

/// One result of a batch: `{"vulns": [{"id", "modified"}], "next_page_token"}`, or `{}` when nothing matched.
private struct BatchResult: JSONWritable {
    let vulns: [AdvisoryIndex.Summary]
    let next: String?

    func write(to json: inout JSONWriter) {
        json.object { json in
            if !vulns.isEmpty {
                json.field("vulns", vulns.map { VulnerabilityReference(id: $0.id, modified: $0.modifiedText) })
            }
            json.field("next_page_token", next)
        }
    }
}

private struct VulnerabilityReference: JSONWritable {
    let id: Advisory.ID
    /// As the record writes it.
    let modified: String

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("modified", modified)
        }
    }
}
