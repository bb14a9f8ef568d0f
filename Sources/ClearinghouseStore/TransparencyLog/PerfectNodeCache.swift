import Synchronization
import TransparencyLog

/// The hashes of the log's upper perfect nodes, kept in memory so that a proof reads only the few nodes below them.
///
/// A perfect node never changes once committed, so a cached hash is never stale. The cache keeps the levels of
/// the tree from the top down to the lowest level whose nodes, with all those above, fit in `capacity` hashes
/// (by default 131,072, about 6 MB): all but the leaves of a log of 131,072 entries, levels 4 and up of a million, 11 and up of a
/// hundred million. Memory stays bounded however large the log grows; as it grows, the lowest cached level is
/// dropped. It is filled from reads of committed data only: a write transaction that rolls back must not leave
/// its nodes behind.
final class PerfectNodeCache: Sendable {
    /// At most this many hashes.
    let capacity: UInt64

    private struct State {
        /// The lowest level kept.
        var floor: UInt8 = 1
        var hashes: [Int64: MerkleHash] = [:]
    }

    private let state = Mutex(State())

    init(capacity: UInt64 = 1 << 17) {
        self.capacity = capacity
    }

    /// The lowest level whose nodes, with those above, number at most `capacity` in a tree of `treeSize`: the
    /// nodes at levels `L` and above are fewer than `treeSize / 2^(L-1)`.
    func floor(forTreeSize treeSize: UInt64) -> UInt8 {
        var level: UInt8 = 1
        while treeSize >> (level - 1) > capacity {
            level += 1
        }
        return level
    }

    /// The cached hashes among `keys`, read for a proof in a tree of `treeSize`; also lowers what is kept as the
    /// tree grows.
    ///
    /// - Returns: The hashes found, and the lowest level the cache keeps now.
    func lookUp(_ keys: [Int64], treeSize: UInt64) -> (found: [Int64: MerkleHash], floor: UInt8) {
        state.withLock { state in
            let floor = floor(forTreeSize: treeSize)
            if floor > state.floor {
                state.hashes = state.hashes.filter { LogRepository.node(forKey: $0.key).level >= floor }
                state.floor = floor
            }
            var found: [Int64: MerkleHash] = [:]
            found.reserveCapacity(keys.count)
            for key in keys where LogRepository.node(forKey: key).level >= state.floor {
                if let hash = state.hashes[key] {
                    found[key] = hash
                }
            }
            return (found, state.floor)
        }
    }

    /// How many hashes are kept.
    var count: Int {
        state.withLock { $0.hashes.count }
    }

    /// Keeps hashes read from committed data, at the levels kept, while there is room.
    func keep(_ entries: [(key: Int64, hash: MerkleHash)]) {
        guard !entries.isEmpty else { return }
        state.withLock { state in
            for entry in entries where UInt64(state.hashes.count) < capacity {
                if LogRepository.node(forKey: entry.key).level >= state.floor {
                    state.hashes[entry.key] = entry.hash
                }
            }
        }
    }
}
