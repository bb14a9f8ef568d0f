/// Inclusion proofs: that a leaf is at an index of a tree (RFC 9162 section 2.1.3), or of a subtree (Merkle Tree
/// Certificates draft section 4.3).
public enum InclusionProof {
    /// Computes the root a proof leads to from a leaf (RFC 9162 section 2.1.3.2, without the comparison).
    ///
    /// - Throws: `ProofError` when the index is outside the tree or the proof has the wrong length.
    public static func root(
        leafHash: MerkleHash, index: UInt64, treeSize: UInt64, proof: [MerkleHash]
    ) throws(ProofError) -> MerkleHash {
        guard index < treeSize else {
            throw .outOfRange("leaf index \(index) is not below tree size \(treeSize)")
        }
        var fn = index
        var sn = treeSize - 1
        var result = leafHash
        for sibling in proof {
            guard sn != 0 else { throw .wrongLength(expected: nil, actual: proof.count) }
            if fn & 1 == 1 || fn == sn {
                result = .node(sibling, result)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                result = .node(result, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongLength(expected: nil, actual: proof.count) }
        return result
    }

    /// Verifies that a leaf is at an index of the tree with a root.
    ///
    /// - Throws: `ProofError`; `.mismatch` when the proof leads elsewhere.
    public static func verify(
        leafHash: MerkleHash, index: UInt64, treeSize: UInt64, proof: [MerkleHash], root: MerkleHash
    ) throws(ProofError) {
        guard try Self.root(leafHash: leafHash, index: index, treeSize: treeSize, proof: proof) == root else {
            throw .mismatch
        }
    }

    /// Verifies that a leaf is at an index of a subtree with a hash (Merkle Tree Certificates draft 4.3.3).
    public static func verify(
        leafHash: MerkleHash, index: UInt64, subtreeStart start: UInt64, end: UInt64, proof: [MerkleHash],
        subtreeHash: MerkleHash
    ) throws(ProofError) {
        guard Subtree(start: start, end: end) != nil else {
            throw .outOfRange("[\(start), \(end)) is not a valid subtree")
        }
        guard start <= index, index < end else {
            throw .outOfRange("leaf index \(index) is outside [\(start), \(end))")
        }
        try verify(leafHash: leafHash, index: index - start, treeSize: end - start, proof: proof, root: subtreeHash)
    }

    /// The subtrees whose hashes make up the proof for a leaf, in proof order (RFC 9162 section 2.1.3.1).
    ///
    /// - Throws: `ProofError.outOfRange` unless `index < treeSize`.
    public static func plan(index: UInt64, treeSize: UInt64) throws(ProofError) -> [Subtree] {
        guard index < treeSize else {
            throw .outOfRange("leaf index \(index) is not below tree size \(treeSize)")
        }
        var ranges: [Subtree] = []
        var start: UInt64 = 0
        var end = treeSize
        while end - start > 1 {
            let k = Subtree.largestPowerOfTwo(below: end - start)
            if index - start < k {
                ranges.append(Subtree(unchecked: start + k, end))
                end = start + k
            } else {
                ranges.append(Subtree(unchecked: start, start + k))
                start += k
            }
        }
        return ranges.reversed()
    }
}
