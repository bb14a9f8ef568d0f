/// A run of consecutive leaves `[start, end)` whose Merkle Tree Hash a proof may need.
///
/// Proof generation only ever needs *valid subtrees* in the sense of the Merkle Tree Certificates draft
/// (section 4.1): `start < end` and `start` a multiple of the smallest power of two at least `end - start`. Their
/// hashes can be computed from at most log2(n) stored perfect nodes.
public struct Subtree: Hashable, Sendable, CustomStringConvertible {
    public let start: UInt64
    public let end: UInt64

    /// Creates a subtree.
    ///
    /// - Returns: `nil` unless `[start, end)` is a valid subtree.
    public init?(start: UInt64, end: UInt64) {
        guard start < end else { return nil }
        let ceiling = Self.bitCeiling(end - start)
        // A ceiling of 0 stands for 2^64: only a subtree starting at 0 is aligned to it.
        guard ceiling == 0 ? start == 0 : start % ceiling == 0 else { return nil }
        self.start = start
        self.end = end
    }

    init(unchecked start: UInt64, _ end: UInt64) {
        self.start = start
        self.end = end
    }

    /// The number of leaves.
    public var size: UInt64 { end - start }

    /// Whether the subtree is a perfect binary tree: its size is a power of two.
    public var isPerfect: Bool { size & (size - 1) == 0 }

    public var description: String { "[\(start), \(end))" }

    /// The smallest power of two at least `value` (for `value` ≥ 1); 0 when it does not fit in 64 bits.
    static func bitCeiling(_ value: UInt64) -> UInt64 {
        value <= 1 ? 1 : (value - 1).leadingZeroBitCount == 0 ? 0 : 1 << (64 - (value - 1).leadingZeroBitCount)
    }

    /// The largest power of two strictly smaller than `value` (for `value` ≥ 2).
    static func largestPowerOfTwo(below value: UInt64) -> UInt64 {
        1 << (63 - (value - 1).leadingZeroBitCount)
    }

    /// The single stored node of a perfect subtree; `nil` for one that is not perfect.
    public var node: NodeID? {
        guard isPerfect else { return nil }
        let level = UInt8(size.trailingZeroBitCount)
        return NodeID(level: level, index: start >> level)
    }

    /// The stored perfect nodes whose hashes make up this subtree's hash, left to right.
    public var perfectNodes: [NodeID] {
        var nodes: [NodeID] = []
        var start = self.start
        while start < end {
            let remaining = end - start
            let width = remaining & (remaining - 1) == 0 ? remaining : Self.largestPowerOfTwo(below: remaining)
            nodes.append(Subtree(unchecked: start, start + width).node!)
            start += width
        }
        return nodes
    }

    /// Combines the hashes of ``perfectNodes`` (in that order) into this subtree's hash.
    public static func hash(ofPerfectNodes hashes: [MerkleHash]) -> MerkleHash {
        var result = hashes[hashes.count - 1]
        for hash in hashes.dropLast().reversed() {
            result = .node(hash, result)
        }
        return result
    }
}

/// A perfect subtree of the log, as the store keeps it: `2^level` leaves starting at `index * 2^level`.
public struct NodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let level: UInt8
    public let index: UInt64

    /// Creates a node identifier.
    public init(level: UInt8, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The leaves the node covers.
    public var subtree: Subtree {
        Subtree(unchecked: index << level, (index + 1) << level)
    }

    public var description: String { "\(level)/\(index)" }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool {
        (lhs.level, lhs.index) < (rhs.level, rhs.index)
    }
}

extension Subtree {
    /// The perfect nodes that a list of subtrees needs, each once, in a stable order.
    public static func requiredNodes(_ subtrees: [Subtree]) -> [NodeID] {
        var seen: Set<NodeID> = []
        var nodes: [NodeID] = []
        for subtree in subtrees {
            for node in subtree.perfectNodes where seen.insert(node).inserted {
                nodes.append(node)
            }
        }
        return nodes
    }

    /// This subtree's hash, from the hashes of its perfect nodes.
    ///
    /// - Throws: `ProofError.missingNode` when `nodes` lacks one.
    public func hash(from nodes: [NodeID: MerkleHash]) throws(ProofError) -> MerkleHash {
        try hash { nodes[$0] }
    }

    /// This subtree's hash, from the hashes of its perfect nodes as `lookup` finds them.
    ///
    /// - Throws: `ProofError.missingNode` when `lookup` finds one absent.
    public func hash(_ lookup: (NodeID) -> MerkleHash?) throws(ProofError) -> MerkleHash {
        if let node {
            guard let hash = lookup(node) else { throw .missingNode(node) }
            return hash
        }
        var hashes: [MerkleHash] = []
        for node in perfectNodes {
            guard let hash = lookup(node) else { throw .missingNode(node) }
            hashes.append(hash)
        }
        return Self.hash(ofPerfectNodes: hashes)
    }
}
