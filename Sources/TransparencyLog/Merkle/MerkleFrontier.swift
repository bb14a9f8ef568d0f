/// The right edge of a Merkle tree: the hashes of the perfect subtrees that together cover all its leaves, one
/// for each set bit of the tree size, largest first.
///
/// It is all a log needs to append leaves and compute its root, whatever its size: at most 64 hashes.
public struct MerkleFrontier: Sendable, Hashable {
    /// The number of leaves.
    public private(set) var size: UInt64
    /// The perfect subtree hashes, largest (leftmost) first.
    public private(set) var hashes: [MerkleHash]

    /// The frontier of the empty tree.
    public init() {
        size = 0
        hashes = []
    }

    /// Restores a frontier.
    ///
    /// - Returns: `nil` unless there is one hash per set bit of `size`.
    public init?(size: UInt64, hashes: [MerkleHash]) {
        guard hashes.count == size.nonzeroBitCount else { return nil }
        self.size = size
        self.hashes = hashes
    }

    /// The perfect nodes the frontier holds, in the order of ``hashes``.
    public var nodes: [NodeID] {
        var nodes: [NodeID] = []
        var start: UInt64 = 0
        for level in (0..<64).reversed() where size & (1 << level) != 0 {
            nodes.append(NodeID(level: UInt8(level), index: start >> level))
            start += 1 << level
        }
        return nodes
    }

    /// The tree's root hash.
    public var root: MerkleHash {
        guard let last = hashes.last else { return .emptyTree }
        return hashes.dropLast().reversed().reduce(last) { right, left in .node(left, right) }
    }

    /// Appends a leaf.
    ///
    /// - Returns: The perfect nodes completed by this leaf, the leaf itself first: what a store keeps.
    public mutating func append(_ leafHash: MerkleHash) -> [(NodeID, MerkleHash)] {
        var completed = [(NodeID(level: 0, index: size), leafHash)]
        var hash = leafHash
        var level: UInt8 = 0
        var index = size
        // Every trailing one bit of the old size is a left sibling waiting for this leaf's subtree.
        while index & 1 == 1 {
            hash = .node(hashes.removeLast(), hash)
            level += 1
            index >>= 1
            completed.append((NodeID(level: level, index: index), hash))
        }
        hashes.append(hash)
        size += 1
        return completed
    }
}
