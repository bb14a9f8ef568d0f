public import ClearinghouseCore
public import Foundation
import SQLKit
import TLP
public import TransparencyLog

/// One entry of the transparency log as stored.
public struct StoredLogEntry: Sendable, Hashable {
    public let index: UInt64
    public let leafHash: MerkleHash
    public let kind: String
    /// The leaf's bytes, exactly as hashed.
    public let data: [UInt8]
    public let createdAt: Date
}

/// A signed checkpoint as stored.
public struct StoredCheckpoint: Sendable, Hashable {
    public let size: UInt64
    public let root: MerkleHash
    /// The signed note's text.
    public let note: String
    public let createdAt: Date
}

/// The log's current size, right edge and origin.
public struct LogState: Sendable, Hashable {
    public let frontier: MerkleFrontier
    /// The origin line of the log's checkpoints, fixed by the first one.
    public let origin: String?

    public var size: UInt64 { frontier.size }
}

extension Repositories {
    public var log: LogRepository { LogRepository(database: database, nodeCache: nodeCache) }
}

/// Reads and appends to the transparency log. Entries, nodes and checkpoints are never updated or deleted.
public struct LogRepository: Sendable {
    let database: any SQLDatabase
    /// Upper nodes already read, in read sessions; `nil` in write transactions.
    let nodeCache: PerfectNodeCache?

    /// The key of a perfect node: its level in the top 8 bits, its index below.
    static func key(_ node: NodeID) -> Int64 {
        Int64(node.level) << 56 | Int64(node.index)
    }

    static func node(forKey key: Int64) -> NodeID {
        NodeID(level: UInt8(key >> 56), index: UInt64(key & (1 << 56 - 1)))
    }

    /// The log's state, locked for the rest of the transaction on PostgreSQL (SQLite's write transaction already
    /// excludes other writers), so that indexes are assigned once across every server node.
    public func state(locking: Bool = false) async throws -> LogState {
        var query = database.select().columns("tree_size", "frontier", "origin").from("log_state")
            .where("singleton", .equal, 1)
        if locking {
            query = query.for(.update)
        }
        guard let row = try await query.first() else {
            throw StoreCorruption(table: "log_state", id: "1", problem: "the log's state row is missing")
        }
        let size = try row.decode(column: "tree_size", as: Int64.self)
        let bytes = try row.decode(column: "frontier", as: Data.self)
        var hashes: [MerkleHash] = []
        for offset in stride(from: 0, to: bytes.count, by: MerkleHash.size) {
            guard let hash = MerkleHash(bytes: bytes[offset..<min(offset + MerkleHash.size, bytes.count)]) else {
                throw StoreCorruption(table: "log_state", id: "1", problem: "the frontier is not a list of hashes")
            }
            hashes.append(hash)
        }
        guard size >= 0, let frontier = MerkleFrontier(size: UInt64(size), hashes: hashes) else {
            throw StoreCorruption(table: "log_state", id: "1", problem: "the frontier does not match the tree size")
        }
        return LogState(frontier: frontier, origin: try row.decode(column: "origin", as: String?.self))
    }

    /// Appends entries at the end of the log, with the perfect nodes they complete. Call it inside a write.
    ///
    /// - Returns: The indexes the entries were given, in order.
    /// - Throws: `ClearinghouseError.invalidField` for an entry larger than a tile bundle can hold.
    public func append(_ drafts: [LogEntryDraft], at date: Date) async throws -> [UInt64] {
        guard !drafts.isEmpty else { return [] }
        for draft in drafts where draft.data.count > LogEntryDraft.maximumSize {
            throw ClearinghouseError.invalidField("entry", "A log entry is at most \(LogEntryDraft.maximumSize) bytes.")
        }
        var frontier = try await state(locking: true).frontier
        let createdAt = Timestamp.microseconds(date)
        var indexes: [UInt64] = []
        var entries: [[any Encodable & Sendable]] = []
        var nodes: [[any Encodable & Sendable]] = []
        var commitments: [[any Encodable & Sendable]] = []
        for draft in drafts {
            let index = frontier.size
            indexes.append(index)
            let leaf = draft.leafHash
            for (node, hash) in frontier.append(leaf) {
                nodes.append([Self.key(node), Data(hash.bytes)])
            }
            entries.append([Int64(index), Data(leaf.bytes), draft.kind, Data(draft.data), createdAt])
            if let commitment = draft.commitment {
                let participants = commitment.visibility.participants.map(\.rawValue).sorted()
                commitments.append([
                    Int64(index), commitment.preimage, commitment.visibility.label.rawValue,
                    commitment.visibility.owner?.rawValue,
                    String(decoding: try JSONEncoder().encode(participants), as: UTF8.self),
                ])
            }
        }
        try await database.insert(
            entries, into: "log_entries", columns: ["idx", "leaf_hash", "kind", "data", "created_at"])
        try await database.insert(nodes, into: "log_nodes", columns: ["node_id", "hash"])
        try await database.insert(
            commitments, into: "log_commitments",
            columns: ["idx", "preimage", "label", "owner_organization_id", "participants"])
        try await database.update("log_state")
            .set("tree_size", to: Int64(frontier.size))
            .set("frontier", to: Data(frontier.hashes.flatMap(\.bytes)))
            .where("singleton", .equal, 1)
            .run()
        return indexes
    }

    /// Node keys per SELECT.
    private static let keysPerStatement = 10_000

    /// The hashes of perfect nodes by key: for a proof in a tree of `treeSize`, upper ones from the cache when
    /// read before; the others in one query per 10,000 keys.
    ///
    /// The keys are integers this code computed, written into the statement as literals: a long list of bound
    /// values costs more to encode than the lookups themselves.
    private func hashes(forKeys requested: [Int64], treeSize: UInt64?) async throws -> [Int64: MerkleHash] {
        var keys = requested.sorted()
        keys.removeDuplicates()
        var found: [Int64: MerkleHash] = [:]
        var cachedFloor = UInt8.max
        if let nodeCache, let treeSize {
            (found, cachedFloor) = nodeCache.lookUp(keys, treeSize: treeSize)
            if !found.isEmpty {
                keys.removeAll { found[$0] != nil }
            }
        }
        found.reserveCapacity(found.count + keys.count)
        var read: [(key: Int64, hash: MerkleHash)] = []
        var start = 0
        while start < keys.count {
            let chunk = keys[start..<min(start + Self.keysPerStatement, keys.count)]
            let list = chunk.map(String.init).joined(separator: ",")
            // Only the hashes, in key order: the rows line up with the sorted keys.
            let rows = try await database.raw(
                "SELECT hash FROM log_nodes WHERE node_id IN (\(unsafeRaw: list)) ORDER BY node_id"
            ).all()
            guard rows.count == chunk.count else {
                throw try await missingNode(among: Array(chunk))
            }
            for (key, row) in zip(chunk, rows) {
                let hash = try row.hash("hash", table: "log_nodes", id: String(key))
                found[key] = hash
                if Self.node(forKey: key).level >= cachedFloor {
                    read.append((key, hash))
                }
            }
            start += chunk.count
        }
        nodeCache?.keep(read)
        return found
    }

    /// The error for a read that returned fewer nodes than asked: the first one that is absent.
    private func missingNode(among keys: [Int64]) async throws -> ProofError {
        let present = Set(
            try await database.select().column("node_id").from("log_nodes").where("node_id", .in, keys).all()
                .map { try $0.decode(column: "node_id", as: Int64.self) })
        return ProofError.missingNode(Self.node(forKey: keys.first { !present.contains($0) } ?? keys[0]))
    }

    /// The hashes of subtrees, reading their perfect nodes together; subtrees that appear more than once are
    /// hashed once.
    public func hashes(of subtrees: [Subtree]) async throws -> [MerkleHash] {
        try await hashes(ofPlans: [subtrees])[0]
    }

    /// The hashes of the subtrees of several proofs' plans, reading every node they need together.
    private func hashes(ofPlans plans: [[Subtree]]) async throws -> [[MerkleHash]] {
        var keys: [Int64] = []
        var imperfect: Set<Subtree> = []
        var treeSize: UInt64 = 0
        for plan in plans {
            for subtree in plan {
                treeSize = max(treeSize, subtree.end)
                if let node = subtree.node {
                    keys.append(Self.key(node))
                } else if imperfect.insert(subtree).inserted {
                    keys += subtree.perfectNodes.map(Self.key)
                }
            }
        }
        let byKey = try await hashes(forKeys: keys, treeSize: treeSize)
        let lookup = { (node: NodeID) in byKey[Self.key(node)] }
        var imperfectHashes: [Subtree: MerkleHash] = [:]
        for subtree in imperfect {
            imperfectHashes[subtree] = try subtree.hash(lookup)
        }
        return try plans.map { plan in
            try plan.map { subtree in try imperfectHashes[subtree] ?? subtree.hash(lookup) }
        }
    }

    /// The root of the tree at a size no larger than the log.
    public func root(atSize size: UInt64) async throws -> MerkleHash {
        guard size > 0 else { return .emptyTree }
        return try await hashes(of: [Subtree(start: 0, end: size)!])[0]
    }

    /// An inclusion proof; the caller checks that `treeSize` is within the log.
    public func inclusionProof(index: UInt64, treeSize: UInt64) async throws -> [MerkleHash] {
        try await hashes(of: InclusionProof.plan(index: index, treeSize: treeSize))
    }

    /// Inclusion proofs of many entries in one tree, reading the nodes they need (shared ones once) in one query
    /// per 10,000: for monitors and exports that prove many entries at once, where a query per proof would cost
    /// more than the proofs.
    public func inclusionProofs(indexes: [UInt64], treeSize: UInt64) async throws -> [[MerkleHash]] {
        try await hashes(
            ofPlans: indexes.map { (index) throws(ProofError) in
                try InclusionProof.plan(index: index, treeSize: treeSize)
            })
    }

    /// Like ``inclusionProofs(indexes:treeSize:)``, with each entry's leaf hash (its level-0 node) read in the
    /// same query.
    public func leafHashesAndInclusionProofs(
        indexes: [UInt64], treeSize: UInt64
    ) async throws -> [(leafHash: MerkleHash, proof: [MerkleHash])] {
        let plans = try indexes.map { (index) throws(ProofError) in
            try InclusionProof.plan(index: index, treeSize: treeSize) + [Subtree(start: index, end: index + 1)!]
        }
        return try await hashes(ofPlans: plans).map { ($0[$0.count - 1], Array($0.dropLast())) }
    }

    /// A consistency proof; the caller checks that `second` is within the log.
    public func consistencyProof(first: UInt64, second: UInt64) async throws -> [MerkleHash] {
        try await hashes(of: ConsistencyProof.plan(first: first, second: second))
    }

    /// The hashes of tree level `8 * level` from index `start`, up to `count` of them: the content of a tile.
    public func levelHashes(level: UInt8, start: UInt64, count: Int) async throws -> [MerkleHash] {
        let first = Self.key(NodeID(level: level, index: start))
        let rows = try await database.select().columns("node_id", "hash").from("log_nodes")
            .where("node_id", .greaterThanOrEqual, first)
            .where("node_id", .lessThan, first + Int64(count))
            .orderBy("node_id")
            .all()
        return try rows.map { try $0.hash("hash", table: "log_nodes", id: "\(level)/\(start)") }
    }

    private static let entryColumns = ["idx", "leaf_hash", "kind", "data", "created_at"]

    /// Entries with indexes in `start..<end`, in order. The caller asks only for entries within the log.
    ///
    /// - Throws: `StoreCorruption` when some are missing.
    public func entries(from start: UInt64, to end: UInt64) async throws -> [StoredLogEntry] {
        let entries = try await database.select().columns(Self.entryColumns).from("log_entries")
            .where("idx", .greaterThanOrEqual, Int64(start))
            .where("idx", .lessThan, Int64(end))
            .orderBy("idx")
            .all()
            .map(Self.entry)
        guard entries.count == end - start else {
            throw StoreCorruption(
                table: "log_entries", id: "\(start)..<\(end)", problem: "entries within the log are missing")
        }
        return entries
    }

    /// The entry at `index`, if the log has one.
    public func entry(at index: UInt64) async throws -> StoredLogEntry? {
        guard let index = Int64(exactly: index) else { return nil }
        return try await database.select().columns(Self.entryColumns).from("log_entries")
            .where("idx", .equal, index)
            .first()
            .map(Self.entry)
    }

    /// The first entry with a leaf hash, if any.
    public func entry(withLeafHash hash: MerkleHash) async throws -> StoredLogEntry? {
        try await database.select().columns(Self.entryColumns).from("log_entries")
            .where("leaf_hash", .equal, Data(hash.bytes))
            .orderBy("idx")
            .first()
            .map(Self.entry)
    }

    private static func entry(_ row: any SQLRow) throws -> StoredLogEntry {
        let index = try row.decode(column: "idx", as: Int64.self)
        return StoredLogEntry(
            index: UInt64(index), leafHash: try row.hash("leaf_hash", table: "log_entries", id: String(index)),
            kind: try row.decode(column: "kind", as: String.self),
            data: Array(try row.decode(column: "data", as: Data.self)),
            createdAt: Timestamp.date(try row.decode(column: "created_at", as: Int64.self)))
    }

    /// The preimage of a confidential entry's commitment and who may see it.
    public func commitment(at index: UInt64) async throws -> LogEntryDraft.Commitment? {
        guard let key = Int64(exactly: index),
            let row = try await database.select()
                .columns("preimage", "label", "owner_organization_id", "participants")
                .from("log_commitments").where("idx", .equal, key).first()
        else { return nil }
        let table = "log_commitments"
        let id = String(index)
        guard let label = TLPLabel(rawValue: try row.decode(column: "label", as: String.self)) else {
            throw StoreCorruption(table: table, id: id, problem: "unknown label")
        }
        let participantIDs = try JSONDecoder().decode(
            [String].self, from: Data(try row.decode(column: "participants", as: String.self).utf8))
        let visibility = Visibility(
            label: label,
            owner: try row.decode(column: "owner_organization_id", as: String?.self).map {
                try .stored($0, table: table, id: id, column: "owner_organization_id")
            },
            participants: Set(try participantIDs.map { try .stored($0, table: table, id: id, column: "participants") }))
        return LogEntryDraft.Commitment(
            preimage: try row.decode(column: "preimage", as: String.self), visibility: visibility)
    }

    /// The most recent signed checkpoint.
    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await database.select().columns("tree_size", "root_hash", "note", "created_at").from("log_checkpoints")
            .orderBy("tree_size", .descending)
            .first()
            .map(Self.checkpoint)
    }

    private static func checkpoint(_ row: any SQLRow) throws -> StoredCheckpoint {
        let size = try row.decode(column: "tree_size", as: Int64.self)
        return StoredCheckpoint(
            size: UInt64(size), root: try row.hash("root_hash", table: "log_checkpoints", id: String(size)),
            note: try row.decode(column: "note", as: String.self),
            createdAt: Timestamp.date(try row.decode(column: "created_at", as: Int64.self)))
    }
}

extension Array where Element: Equatable {
    /// Removes adjacent duplicates: of a sorted array, every duplicate.
    fileprivate mutating func removeDuplicates() {
        guard count > 1 else { return }
        var kept = 1
        for position in 1..<count where self[position] != self[kept - 1] {
            self[kept] = self[position]
            kept += 1
        }
        removeLast(count - kept)
    }
}

extension SQLRow {
    /// A SHA-256 hash stored as 32 bytes.
    ///
    /// - Throws: `StoreCorruption` naming the table and row when the column holds anything else.
    fileprivate func hash(_ column: String, table: String, id: String) throws -> MerkleHash {
        guard let hash = MerkleHash(bytes: try decode(column: column, as: Data.self)) else {
            throw StoreCorruption(table: table, id: id, problem: "\(column) is not 32 bytes")
        }
        return hash
    }
}
