public import ClearinghouseCore
public import ClearinghouseStore
public import TransparencyLog

/// What anyone may read of the transparency log, always within the latest signed checkpoint (the log clients can
/// verify): entries, inclusion and consistency proofs; and, for those an event's visibility allows, the event
/// behind a confidential entry's commitment.
public struct LogQueries: Sendable {
    let workflows: Workflows
    let checkpointer: LogCheckpointer
    let proofs: InclusionProofBatcher

    /// The most entries one read returns.
    public static let maximumEntries: UInt64 = 1_000

    public init(_ workflows: Workflows, checkpointer: LogCheckpointer, proofs: InclusionProofBatcher) {
        self.workflows = workflows
        self.checkpointer = checkpointer
        self.proofs = proofs
    }

    /// The latest signed checkpoint, which bounds every read of the log.
    ///
    /// - Throws: `unavailable` before the log's first checkpoint.
    public func checkpoint() async throws -> StoredCheckpoint {
        try await checkpointer.published.latest(from: workflows.store, now: workflows.dependencies.now())
    }

    /// Entries `start..<end`, at most ``maximumEntries``; `end` defaults to as many as that allows.
    ///
    /// - Returns: the signed tree size the entries were read within, and the entries.
    public func entries(start: UInt64, end: UInt64?) async throws -> (treeSize: UInt64, entries: [StoredLogEntry]) {
        let size = try await checkpoint().size
        guard start < size else {
            throw ClearinghouseError.invalidField("start", "`start` must be below the log's signed size, \(size).")
        }
        let end = end ?? min(start + Self.maximumEntries, size)
        guard end > start else { throw ClearinghouseError.invalidField("end", "`end` must be greater than `start`.") }
        guard end <= size else {
            throw ClearinghouseError.invalidField("end", "`end` must not exceed the log's signed size, \(size).")
        }
        let entries = try await workflows.store.read {
            try await $0.log.entries(from: start, to: min(end, start + Self.maximumEntries))
        }
        return (size, entries)
    }

    /// An inclusion proof.
    public struct InclusionProof: Sendable {
        public let index: UInt64
        public let treeSize: UInt64
        public let leafHash: MerkleHash
        public let path: [MerkleHash]
    }

    /// The proof that the entry at `index`, or the one with `leafHash`, is in the tree of `treeSize` (the latest
    /// checkpoint's size by default).
    ///
    /// - Throws: `invalid_field` unless exactly one of `index` and `leafHash` is given and the sizes are within the
    ///   signed tree; `not_found` for a leaf hash not in that tree.
    public func inclusionProof(index: UInt64?, leafHash: MerkleHash?, treeSize: UInt64?) async throws
        -> InclusionProof
    {
        let signed = try await checkpoint().size
        let treeSize = treeSize ?? signed
        try Self.check(treeSize, field: "tree_size", within: signed)
        let found: UInt64
        switch (index, leafHash) {
        case (let number?, nil):
            guard number < treeSize else {
                throw ClearinghouseError.invalidField("index", "`index` must be below `tree_size` (\(treeSize)).")
            }
            found = number
        case (nil, let hash?):
            let entry = try await workflows.store.read { try await $0.log.entry(withLeafHash: hash) }
            guard let entry, entry.index < treeSize else {
                throw ClearinghouseError(.notFound, "No entry with that leaf hash is in the tree of size \(treeSize).")
            }
            found = entry.index
        default:
            throw ClearinghouseError.invalidField("index", "Give exactly one of `index` and `leaf_hash`.")
        }
        let (leaf, path) = try await proofs.proof(index: found, treeSize: treeSize)
        return InclusionProof(index: found, treeSize: treeSize, leafHash: leaf, path: path)
    }

    /// The proof that the tree of size `first` is a prefix of the tree of size `second` (the latest checkpoint's
    /// size by default).
    ///
    /// - Returns: the second size and the proof's path.
    public func consistencyProof(first: UInt64, second: UInt64?) async throws -> (second: UInt64, path: [MerkleHash]) {
        let signed = try await checkpoint().size
        let second = second ?? signed
        try Self.check(second, field: "second", within: signed)
        guard first > 0 else {
            throw ClearinghouseError.invalidField(
                "first", "`first` must be at least 1: every tree extends the empty one.")
        }
        guard first <= second else {
            throw ClearinghouseError.invalidField("first", "`first` must not exceed `second` (\(second)).")
        }
        let path = try await workflows.store.read { try await $0.log.consistencyProof(first: first, second: second) }
        return (second, path)
    }

    /// The event behind a confidential entry's commitment, for those the event's visibility allows.
    ///
    /// - Throws: `not_found` for anything else, public entries included.
    public func reveal(_ index: UInt64, by requester: Requester) async throws -> (entry: StoredLogEntry, preimage: String) {
        _ = try requester.member()
        let (entry, commitment) = try await workflows.store.read { repositories in
            (try await repositories.log.entry(at: index), try await repositories.log.commitment(at: index))
        }
        guard let entry, let commitment, workflows.gate.mayRead(commitment.visibility, by: requester) else {
            throw ClearinghouseError.notFound("log entry commitment")
        }
        return (entry, commitment.preimage)
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
