import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import TransparencyLog

/// The transparency log's JSON API: the signed checkpoint, entries, proofs, and reveals of commitments.
///
/// Entries and proofs are public: a leaf holds either a public body or a salted commitment. Everything is
/// served within the latest signed checkpoint, the log that clients can verify.
struct LogController {
    let environment: APIEnvironment

    var log: LogQueries { environment.log }

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/log/checkpoint", use: checkpoint)
        routes.on(.get, "/v1/log/entries", use: entries)
        routes.on(.get, "/v1/log/entries/{index}/reveal", use: reveal)
        routes.on(.get, "/v1/log/proof/inclusion", use: inclusionProof)
        routes.on(.get, "/v1/log/proof/consistency", use: consistencyProof)
    }

    /// `GET /v1/log/checkpoint`: the latest signed checkpoint, as a C2SP signed note.
    @Sendable func checkpoint(_ request: Request, context: AppRequestContext) async throws -> Response {
        .checkpoint(try await log.checkpoint())
    }

    /// `GET /v1/log/entries?start=&end=`: entries `start..<end`, at most 1,000; `end` defaults to as many as
    /// that allows.
    @Sendable func entries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = LogQuery(request)
        let (size, entries) = try await log.entries(start: try query.number("start"), end: try query.optionalNumber("end"))
        return .json(LogEntriesPage(treeSize: size, entries: entries))
    }

    /// `GET /v1/log/proof/inclusion?index=&tree_size=` or `?leaf_hash=&tree_size=`; `tree_size` defaults to the
    /// latest checkpoint's.
    @Sendable func inclusionProof(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = LogQuery(request)
        let proof = try await log.inclusionProof(
            index: try query.optionalNumber("index"), leafHash: try query.optionalHash("leaf_hash"),
            treeSize: try query.optionalNumber("tree_size"))
        return .json(
            InclusionProofBody(index: proof.index, treeSize: proof.treeSize, leafHash: proof.leafHash, path: proof.path))
    }

    /// `GET /v1/log/proof/consistency?first=&second=`; `second` defaults to the latest checkpoint's size.
    @Sendable func consistencyProof(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = LogQuery(request)
        let first = try query.number("first")
        let (second, path) = try await log.consistencyProof(first: first, second: try query.optionalNumber("second"))
        return .json(ConsistencyProofBody(first: first, second: second, path: path))
    }

    /// `GET /v1/log/entries/{index}/reveal`: the event behind a confidential entry's commitment, for those the
    /// event's visibility allows. Anything else, including public entries, answers 404.
    @Sendable func reveal(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        guard let text = context.parameters.decoded("index"), let index = UInt64(text), String(index) == text else {
            throw ClearinghouseError.notFound("log entry commitment")
        }
        let (entry, preimage) = try await log.reveal(index, by: environment.requester(context))
        return .json(RevealBody(entry: entry, preimage: preimage))
    }
}

extension Response {
    /// A signed checkpoint, as `text/plain` the way C2SP serves it.
    static func checkpoint(_ checkpoint: StoredCheckpoint) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: checkpoint.note)))
    }
}
