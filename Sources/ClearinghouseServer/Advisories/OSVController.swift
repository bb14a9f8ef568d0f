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

    /// `POST /v1/query`: the full records of the vulnerabilities affecting a package version or a commit.
    @Sendable func query(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(OSVQueryBody.self, limit: environment.configuration.maximumBodySize)
        let query = try body.query.resolved()
        let found = catalog.snapshot.advisories(for: query, visibleTo: context.party, policy: environment.policy)
        let (page, next) = try page(found, token: body.query.pageToken, field: "page_token")
        let documents = try await environment.store.read { try await $0.advisories.documents(page.map(\.id)) }
        return .json(QueryAnswer(documents: documents.map { RawJSON(bytes: $0.1) }, next: next))
    }

    /// `POST /v1/querybatch`: for each query in order, the ids and modified times of what affects it.
    @Sendable func queryBatch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(OSVBatchBody.self, limit: environment.configuration.maximumBodySize)
        guard body.queries.count <= Self.maximumBatch else {
            throw ClearinghouseError.invalidField(
                "queries", "A batch holds at most \(Self.maximumBatch) queries; this one has \(body.queries.count).")
        }
        var queries: [(AdvisoryQuery, String?)] = []
        for (index, fields) in body.queries.enumerated() {
            queries.append((try fields.resolved(field: "queries[\(index)]"), fields.pageToken))
        }
        let index = catalog.snapshot
        var results: [BatchResult] = []
        results.reserveCapacity(queries.count)
        for (position, (query, token)) in queries.enumerated() {
            let found = index.advisories(for: query, visibleTo: context.party, policy: environment.policy)
            let (page, next) = try page(found, token: token, field: "queries[\(position)].page_token")
            results.append(BatchResult(vulns: page, next: next))
        }
        return .json(BatchAnswer(results: results))
    }

    /// `GET /v1/vulns/{id}`: one record, as stored.
    @Sendable func vulnerability(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = Advisory.ID(rawValue: context.parameters.get("id") ?? "")
        guard let summary = catalog.snapshot.summary(of: id), summary.isPublished,
            environment.policy.read(summary.visibility, by: context.party).isGranted,
            let document = try await environment.store.read({ try await $0.advisories.documents([id]) }).first
        else {
            throw ClearinghouseError.notFound("vulnerability")
        }
        return .json(RawJSON(bytes: document.1))
    }

    /// One page of what a query found (in id order), after the position a page token marks, and the token of the
    /// next page. Tokens are the project's opaque cursors; a bad one names the query's field.
    func page(
        _ found: [AdvisoryIndex.Summary], token: String?, field: String
    ) throws(ClearinghouseError)
        -> ([AdvisoryIndex.Summary], String?)
    {
        var start = 0
        if let token, !token.isEmpty {
            let after: String
            do {
                after = try Cursor.decode(token)
            } catch {
                throw .invalidField(field, "is not a page token this server issued.")
            }
            start = found.firstIndex { $0.id.rawValue > after } ?? found.count
        }
        let end = min(found.count, start + environment.configuration.osvPageSize)
        let page = Array(found[start..<end])
        return (page, end < found.count ? page.last.map { Cursor.encode($0.id.rawValue) } : nil)
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
