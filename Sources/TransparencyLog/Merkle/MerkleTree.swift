/// A whole Merkle tree held in memory: for tests, tools and small logs.
public struct MerkleTree: Sendable {
    /// Node hashes by level; level 0 holds the leaf hashes.
    public private(set) var levels: [[MerkleHash]] = [[]]
    private var frontier = MerkleFrontier()

    /// An empty tree.
    public init() {}

    /// A tree of the given leaf hashes.
    public init(leafHashes: some Sequence<MerkleHash>) {
        for hash in leafHashes {
            append(hash)
        }
    }

    /// The number of leaves.
    public var size: UInt64 { frontier.size }

    /// The root of the whole tree.
    public var root: MerkleHash { frontier.root }

    /// Appends a leaf hash.
    public mutating func append(_ leafHash: MerkleHash) {
        for (node, hash) in frontier.append(leafHash) {
            if levels.count <= Int(node.level) {
                levels.append([])
            }
            levels[Int(node.level)].append(hash)
        }
    }

    /// The stored perfect nodes, as a store would serve them.
    public var nodes: [NodeID: MerkleHash] {
        var nodes: [NodeID: MerkleHash] = [:]
        for (level, hashes) in levels.enumerated() {
            for (index, hash) in hashes.enumerated() {
                nodes[NodeID(level: UInt8(level), index: UInt64(index))] = hash
            }
        }
        return nodes
    }

    /// The hash of one perfect node, when the tree holds it.
    public func hash(of node: NodeID) -> MerkleHash? {
        guard Int(node.level) < levels.count, node.index < UInt64(levels[Int(node.level)].count) else { return nil }
        return levels[Int(node.level)][Int(node.index)]
    }

    /// The root of the tree as it was at an earlier size.
    public func root(atSize size: UInt64) throws(ProofError) -> MerkleHash {
        guard size <= self.size else { throw .outOfRange("size \(size) is beyond the tree (\(self.size))") }
        guard size > 0 else { return .emptyTree }
        return try Subtree(unchecked: 0, size).hash(from: hashes(for: [Subtree(unchecked: 0, size)]))
    }

    /// An inclusion proof for a leaf in the tree as it was at `treeSize`.
    public func inclusionProof(index: UInt64, treeSize: UInt64) throws(ProofError) -> [MerkleHash] {
        guard treeSize <= size else { throw .outOfRange("size \(treeSize) is beyond the tree (\(size))") }
        let plan = try InclusionProof.plan(index: index, treeSize: treeSize)
        let nodes = try hashes(for: plan)
        return try plan.map { (subtree) throws(ProofError) in try subtree.hash(from: nodes) }
    }

    /// A consistency proof between two earlier sizes of the tree.
    public func consistencyProof(first: UInt64, second: UInt64) throws(ProofError) -> [MerkleHash] {
        guard second <= size else { throw .outOfRange("size \(second) is beyond the tree (\(size))") }
        let plan = try ConsistencyProof.plan(first: first, second: second)
        let nodes = try hashes(for: plan)
        return try plan.map { (subtree) throws(ProofError) in try subtree.hash(from: nodes) }
    }

    private func hashes(for subtrees: [Subtree]) throws(ProofError) -> [NodeID: MerkleHash] {
        var nodes: [NodeID: MerkleHash] = [:]
        for node in Subtree.requiredNodes(subtrees) {
            guard let hash = hash(of: node) else { throw .missingNode(node) }
            nodes[node] = hash
        }
        return nodes
    }
}
