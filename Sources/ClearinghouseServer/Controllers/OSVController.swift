import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Hummingbird

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
        let (page, next) = try Self.page(
            found.map(\.id), token: body.query.pageToken, size: environment.configuration.osvPageSize,
            field: "page_token")
        let documents = try await environment.store.read { try await $0.advisories.documents(page) }
        return Self.json { json in
            json.object { json in
                if !documents.isEmpty { json.field("vulns", documents.map { RawJSON(bytes: $0.1) }) }
                json.field("next_page_token", next)
            }
        }
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
            let (page, next) = try Self.page(
                found.map(\.id), token: token, size: environment.configuration.osvPageSize,
                field: "queries[\(position)].page_token")
            // Pages are short and in the same order as `found`: walk both rather than build a dictionary.
            var modified: [(Advisory.ID, String)] = []
            modified.reserveCapacity(page.count)
            var cursor = found.startIndex
            for id in page {
                while cursor < found.endIndex && found[cursor].id != id { cursor += 1 }
                if cursor < found.endIndex { modified.append((id, found[cursor].modifiedText)) }
            }
            results.append(BatchResult(vulns: modified, next: next))
        }
        return Self.json { json in
            json.object { json in json.field("results", results) }
        }
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
        return Self.json { $0.raw(bytes: document.1) }
    }

    /// One page of ids after the token's position, and the token for the next page.
    static func page(
        _ ids: [Advisory.ID], token: String?, size: Int, field: String
    ) throws(ClearinghouseError)
        -> ([Advisory.ID], String?)
    {
        var start = 0
        if let token, !token.isEmpty {
            guard let data = Data(base64Encoded: token), let after = String(data: data, encoding: .utf8) else {
                throw .invalidField(field, "is not a page token this server issued.")
            }
            start = ids.firstIndex { $0.rawValue > after } ?? ids.count
        }
        let end = min(ids.count, start + size)
        let page = Array(ids[start..<end])
        let next = end < ids.count ? page.last.map { Data($0.rawValue.utf8).base64EncodedString() } : nil
        return (page, next)
    }

    private static func json(_ body: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter()
        body(&writer)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }
}

/// One result of a batch: `{"vulns": [{"id", "modified"}], "next_page_token"}`, or `{}` when nothing matched.
private struct BatchResult: JSONWritable {
    let vulns: [(Advisory.ID, String)]
    let next: String?

    func write(to json: inout JSONWriter) {
        json.object { json in
            if !vulns.isEmpty {
                json.field("vulns", vulns.map { VulnerabilityReference(id: $0.0, modified: $0.1) })
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
