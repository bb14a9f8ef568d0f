import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Hummingbird
import TransparencyLog

/// The transparency log's JSON API: the signed checkpoint, entries, proofs, and reveals of commitments.
///
/// Entries and proofs are public: a leaf holds either a public body or a salted commitment. Everything is
/// served within the latest signed checkpoint, the log that clients can verify.
struct LogController {
    let environment: APIEnvironment

    /// The most entries one request returns.
    static let maximumEntries: UInt64 = 1_000

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/log/checkpoint", use: checkpoint)
        routes.on(.get, "/v1/log/entries", use: entries)
        routes.on(.get, "/v1/log/entries/{index}/reveal", use: reveal)
        routes.on(.get, "/v1/log/proof/inclusion", use: inclusionProof)
        routes.on(.get, "/v1/log/proof/consistency", use: consistencyProof)
    }

    /// `GET /v1/log/checkpoint`: the latest signed checkpoint, as a C2SP signed note.
    @Sendable func checkpoint(_ request: Request, context: AppRequestContext) async throws -> Response {
        .checkpoint(try await environment.latestCheckpoint())
    }

    /// `GET /v1/log/entries?start=&end=`: entries `start..<end`, at most 1,000; `end` defaults to as many as
    /// that allows.
    @Sendable func entries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = LogQuery(request)
        let size = try await environment.latestCheckpoint().size
        let start = try query.number("start")
        guard start < size else {
            throw ClearinghouseError.invalidField(
                "start", "`start` must be below the log's signed size, \(size).")
        }
        let end = try query.optionalNumber("end") ?? min(start + Self.maximumEntries, size)
        guard end > start else { throw ClearinghouseError.invalidField("end", "`end` must be greater than `start`.") }
        guard end <= size else {
            throw ClearinghouseError.invalidField("end", "`end` must not exceed the log's signed size, \(size).")
        }
        let entries = try await environment.store.read {
            try await $0.log.entries(from: start, to: min(end, start + Self.maximumEntries))
        }
        return .json(LogEntriesPage(treeSize: size, entries: entries))
    }

    /// `GET /v1/log/proof/inclusion?index=&tree_size=` or `?leaf_hash=&tree_size=`; `tree_size` defaults to the
    /// latest checkpoint's.
    @Sendable func inclusionProof(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = LogQuery(request)
        let store = environment.store
        let signed = try await environment.latestCheckpoint().size
        let treeSize = try query.optionalNumber("tree_size") ?? signed
        try Self.check(treeSize, field: "tree_size", within: signed)
        let index: UInt64
        switch (try query.optionalNumber("index"), try query.optionalHash("leaf_hash")) {
        case (let number?, nil):
            guard number < treeSize else {
                throw ClearinghouseError.invalidField("index", "`index` must be below `tree_size` (\(treeSize)).")
            }
            index = number
        case (nil, let hash?):
            let entry = try await store.read { try await $0.log.entry(withLeafHash: hash) }
            guard let entry, entry.index < treeSize else {
                throw ClearinghouseError(.notFound, "No entry with that leaf hash is in the tree of size \(treeSize).")
            }
            index = entry.index
        default:
            throw ClearinghouseError.invalidField("index", "Give exactly one of `index` and `leaf_hash`.")
        }
        let (leafHash, path) = try await environment.proofs.proof(index: index, treeSize: treeSize)
        return .json(InclusionProofBody(index: index, treeSize: treeSize, leafHash: leafHash, path: path))
    }

    /// `GET /v1/log/proof/consistency?first=&second=`; `second` defaults to the latest checkpoint's size.
    @Sendable func consistencyProof(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = LogQuery(request)
        let store = environment.store
        let signed = try await environment.latestCheckpoint().size
        let first = try query.number("first")
        let second = try query.optionalNumber("second") ?? signed
        try Self.check(second, field: "second", within: signed)
        guard first > 0 else {
            throw ClearinghouseError.invalidField(
                "first", "`first` must be at least 1: every tree extends the empty one.")
        }
        guard first <= second else {
            throw ClearinghouseError.invalidField("first", "`first` must not exceed `second` (\(second)).")
        }
        let path = try await store.read { try await $0.log.consistencyProof(first: first, second: second) }
        return .json(ConsistencyProofBody(first: first, second: second, path: path))
    }

    /// `GET /v1/log/entries/{index}/reveal`: the event behind a confidential entry's commitment, for those the
    /// event's visibility allows. Anything else, including public entries, answers 404.
    @Sendable func reveal(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        guard let text = context.parameters.get("index"), let index = UInt64(text), String(index) == text else {
            throw ClearinghouseError.notFound("log entry commitment")
        }
        let (entry, commitment) = try await environment.store.read { repositories in
            (try await repositories.log.entry(at: index), try await repositories.log.commitment(at: index))
        }
        guard let entry, let commitment,
            environment.policy.read(commitment.visibility, by: context.party).isGranted
        else {
            throw ClearinghouseError.notFound("log entry commitment")
        }
        return .json(RevealBody(entry: entry, preimage: commitment.preimage))
    }

    private static func check(_ size: UInt64, field: String, within signed: UInt64) throws {
        guard size <= signed else {
            throw ClearinghouseError.invalidField(
                field, "`\(field)` must not exceed the log's signed size, \(signed); fetch a newer checkpoint.")
        }
        guard size > 0 else {
            throw ClearinghouseError.invalidField(field, "`\(field)` must be at least 1: the empty tree has no proofs.")
        }
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
