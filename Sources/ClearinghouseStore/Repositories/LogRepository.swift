public import ClearinghouseCore
public import Foundation
import SQLKit
public import TransparencyLog
import TLP

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

/// Reads and appends to the transparency log. Entries, nodes and checkpoints are never updated or deleted.
public struct LogRepository: Sendable {
    let database: any SQLDatabase

    /// Rows per multi-row INSERT: well below SQLite's and PostgreSQL's limits on bound values.
    private static let rowsPerStatement = 2_000

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
        try await insert(entries, into: "log_entries", columns: ["idx", "leaf_hash", "kind", "data", "created_at"])
        try await insert(nodes, into: "log_nodes", columns: ["node_id", "hash"])
        try await insert(
            commitments, into: "log_commitments",
            columns: ["idx", "preimage", "label", "owner_organization_id", "participants"])
        try await database.update("log_state")
            .set("tree_size", to: Int64(frontier.size))
            .set("frontier", to: Data(frontier.hashes.flatMap(\.bytes)))
            .where("singleton", .equal, 1)
            .run()
        return indexes
    }

    private func insert(_ rows: [[any Encodable & Sendable]], into table: String, columns: [String]) async throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + Self.rowsPerStatement, rows.count)]
            var statement = database.insert(into: table).columns(columns)
            for row in chunk {
                statement = statement.values(row)
            }
            try await statement.run()
            start += chunk.count
        }
    }

    /// The hashes of stored perfect nodes, in one query.
    ///
    /// - Throws: `ProofError.missingNode` when one is absent.
    public func nodes(_ ids: [NodeID]) async throws -> [NodeID: MerkleHash] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.select().columns("node_id", "hash").from("log_nodes")
            .where("node_id", .in, ids.map(Self.key))
            .all()
        var nodes: [NodeID: MerkleHash] = [:]
        for row in rows {
            let key = try row.decode(column: "node_id", as: Int64.self)
            guard let hash = MerkleHash(bytes: try row.decode(column: "hash", as: Data.self)) else {
                throw StoreCorruption(table: "log_nodes", id: String(key), problem: "the hash is not 32 bytes")
            }
            nodes[Self.node(forKey: key)] = hash
        }
        if let missing = ids.first(where: { nodes[$0] == nil }) {
            throw ProofError.missingNode(missing)
        }
        return nodes
    }

    /// The hashes of subtrees, reading their perfect nodes in one query.
    public func hashes(of subtrees: [Subtree]) async throws -> [MerkleHash] {
        let nodes = try await nodes(Subtree.requiredNodes(subtrees))
        return try subtrees.map { (subtree) throws(ProofError) in try subtree.hash(from: nodes) }
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
        return try rows.map { row in
            guard let hash = MerkleHash(bytes: try row.decode(column: "hash", as: Data.self)) else {
                throw StoreCorruption(table: "log_nodes", id: "\(level)/\(start)", problem: "a hash is not 32 bytes")
            }
            return hash
        }
    }

    /// Entries with indexes in `start..<end`, in order.
    public func entries(from start: UInt64, to end: UInt64) async throws -> [StoredLogEntry] {
        try await database.select().columns("idx", "leaf_hash", "kind", "data", "created_at").from("log_entries")
            .where("idx", .greaterThanOrEqual, Int64(start))
            .where("idx", .lessThan, Int64(end))
            .orderBy("idx")
            .all()
            .map(Self.entry)
    }

    /// The first entry with a leaf hash, if any.
    public func entry(withLeafHash hash: MerkleHash) async throws -> StoredLogEntry? {
        try await database.select().columns("idx", "leaf_hash", "kind", "data", "created_at").from("log_entries")
            .where("leaf_hash", .equal, Data(hash.bytes))
            .orderBy("idx")
            .first()
            .map(Self.entry)
    }

    private static func entry(_ row: any SQLRow) throws -> StoredLogEntry {
        let index = try row.decode(column: "idx", as: Int64.self)
        guard let leaf = MerkleHash(bytes: try row.decode(column: "leaf_hash", as: Data.self)) else {
            throw StoreCorruption(table: "log_entries", id: String(index), problem: "the leaf hash is not 32 bytes")
        }
        return StoredLogEntry(
            index: UInt64(index), leafHash: leaf, kind: try row.decode(column: "kind", as: String.self),
            data: Array(try row.decode(column: "data", as: Data.self)),
            createdAt: Timestamp.date(try row.decode(column: "created_at", as: Int64.self)))
    }

    /// The preimage of a confidential entry's commitment and who may see it.
    public func commitment(at index: UInt64) async throws -> LogEntryDraft.Commitment? {
        guard
            let row = try await database.select()
                .columns("preimage", "label", "owner_organization_id", "participants")
                .from("log_commitments").where("idx", .equal, Int64(index)).first()
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
        guard let root = MerkleHash(bytes: try row.decode(column: "root_hash", as: Data.self)) else {
            throw StoreCorruption(table: "log_checkpoints", id: String(size), problem: "the root is not 32 bytes")
        }
        return StoredCheckpoint(
            size: UInt64(size), root: root, note: try row.decode(column: "note", as: String.self),
            createdAt: Timestamp.date(try row.decode(column: "created_at", as: Int64.self)))
    }
}
