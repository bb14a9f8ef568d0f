import Synchronization
import TransparencyLog

/// The hashes of the log's upper perfect nodes, kept in memory so that a proof reads only the few nodes below them.
///
/// A perfect node never changes once committed, so a cached hash is never stale. Only nodes at tree level 8 and
/// above are kept (one in 256 of the nodes at level 0), up to a fixed number, so memory stays bounded however
/// large the log grows; when full, the cache keeps what it has. It is filled from reads of committed data only:
/// a write transaction that rolls back must not leave its nodes behind.
final class PerfectNodeCache: Sendable {
    /// The lowest level kept: the level of the first tile of hashes above the leaves' tile.
    static let minimumLevel: UInt8 = 8
    /// At most this many hashes: about 6 MB with the dictionary's overhead.
    static let capacity = 1 << 17

    private let hashes = Mutex<[Int64: MerkleHash]>([:])

    static func keeps(_ node: NodeID) -> Bool {
        node.level >= minimumLevel
    }

    /// The cached hashes among `keys`.
    func lookUp(_ keys: [Int64]) -> [Int64: MerkleHash] {
        hashes.withLock { hashes in
            var found: [Int64: MerkleHash] = [:]
            for key in keys {
                if let hash = hashes[key] {
                    found[key] = hash
                }
            }
            return found
        }
    }

    /// Keeps hashes read from committed data, while there is room.
    func keep(_ entries: [(key: Int64, hash: MerkleHash)]) {
        guard !entries.isEmpty else { return }
        hashes.withLock { hashes in
            for entry in entries where hashes.count < Self.capacity {
                hashes[entry.key] = entry.hash
            }
        }
    }
}
