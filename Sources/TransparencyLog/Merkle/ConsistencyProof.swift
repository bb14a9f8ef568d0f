/// Consistency proofs: that a tree is an append-only extension of an earlier one (RFC 9162 section 2.1.4), or
/// that a subtree's leaves are the same leaves in a tree (Merkle Tree Certificates draft section 4.4).
public enum ConsistencyProof {
    /// Verifies that the tree of size `second` with root `secondRoot` extends the tree of size `first` with root
    /// `firstRoot`.
    ///
    /// Equal sizes need equal roots and an empty proof. An empty first tree is refused: every tree extends it, so
    /// a proof from it would prove nothing (callers that start from nothing need no proof).
    ///
    /// - Throws: `ProofError`; `.mismatch` when the proof does not lead to both roots.
    public static func verify(
        first: UInt64, second: UInt64, firstRoot: MerkleHash, secondRoot: MerkleHash, proof: [MerkleHash]
    ) throws(ProofError) {
        guard first <= second else {
            throw .outOfRange("the first size \(first) is larger than the second size \(second)")
        }
        guard first > 0 else {
            throw .outOfRange("a consistency proof needs a non-empty first tree; every tree extends the empty one")
        }
        if first == second {
            guard proof.isEmpty else { throw .wrongLength(expected: 0, actual: proof.count) }
            guard firstRoot == secondRoot else { throw .mismatch }
            return
        }
        guard !proof.isEmpty else { throw .wrongLength(expected: nil, actual: 0) }
        // RFC 9162 section 2.1.4.2.
        var path = proof[...]
        if first & (first - 1) == 0 {
            path = [firstRoot] + proof
        }
        var fn = first - 1
        var sn = second - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var firstResult = path.first!
        var secondResult = firstResult
        for hash in path.dropFirst() {
            guard sn != 0 else { throw .wrongLength(expected: nil, actual: proof.count) }
            if fn & 1 == 1 || fn == sn {
                firstResult = .node(hash, firstResult)
                secondResult = .node(hash, secondResult)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                secondResult = .node(secondResult, hash)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongLength(expected: nil, actual: proof.count) }
        guard firstResult == firstRoot, secondResult == secondRoot else { throw .mismatch }
    }

    /// Verifies that the subtree `[start, end)` with hash `subtreeHash` holds the same leaves as the tree of
    /// size `treeSize` with root `root` (Merkle Tree Certificates draft section 4.4.3).
    ///
    /// An empty subtree (`start == end`) is consistent with every tree that reaches `end`, with an empty proof, when
    /// its hash is the empty tree's.
    public static func verify(
        subtreeStart start: UInt64, end: UInt64, treeSize: UInt64, subtreeHash: MerkleHash, root: MerkleHash,
        proof: [MerkleHash]
    ) throws(ProofError) {
        if start == end {
            guard end <= treeSize else { throw .outOfRange("the empty subtree at \(end) is beyond the tree") }
            guard proof.isEmpty else { throw .wrongLength(expected: 0, actual: proof.count) }
            guard subtreeHash == .emptyTree else { throw .mismatch }
            return
        }
        guard Subtree(start: start, end: end) != nil, end <= treeSize else {
            throw .outOfRange("[\(start), \(end)) is not a valid subtree of a tree of size \(treeSize)")
        }
        var fn = start
        var sn = end - 1
        var tn = treeSize - 1
        if sn == tn {
            while fn != sn {
                fn >>= 1
                sn >>= 1
                tn >>= 1
            }
        } else {
            while fn != sn && sn & 1 == 1 {
                fn >>= 1
                sn >>= 1
                tn >>= 1
            }
        }
        var path = proof[...]
        var firstResult: MerkleHash
        if fn == sn {
            firstResult = subtreeHash
        } else {
            guard let head = path.popFirst() else { throw .wrongLength(expected: nil, actual: 0) }
            firstResult = head
        }
        var secondResult = firstResult
        for hash in path {
            guard tn != 0 else { throw .wrongLength(expected: nil, actual: proof.count) }
            if sn & 1 == 1 || sn == tn {
                if fn < sn {
                    firstResult = .node(hash, firstResult)
                }
                secondResult = .node(hash, secondResult)
                while sn & 1 == 0 {
                    fn >>= 1
                    sn >>= 1
                    tn >>= 1
                }
            } else {
                secondResult = .node(secondResult, hash)
            }
            fn >>= 1
            sn >>= 1
            tn >>= 1
        }
        guard tn == 0 else { throw .wrongLength(expected: nil, actual: proof.count) }
        guard firstResult == subtreeHash, secondResult == root else { throw .mismatch }
    }

    /// The subtrees whose hashes make up the proof between two sizes, in proof order (RFC 9162 section 2.1.4.1).
    ///
    /// - Throws: `ProofError.outOfRange` unless `0 < first <= second`. Equal sizes need no hashes.
    public static func plan(first: UInt64, second: UInt64) throws(ProofError) -> [Subtree] {
        guard first <= second else {
            throw .outOfRange("the first size \(first) is larger than the second size \(second)")
        }
        guard first > 0 else {
            throw .outOfRange("a consistency proof needs a non-empty first tree; every tree extends the empty one")
        }
        guard first < second else { return [] }
        var ranges: [Subtree] = []
        var start: UInt64 = 0
        var end = second
        var size = first
        var known = true
        while true {
            if size == end - start {
                if !known {
                    ranges.append(Subtree(unchecked: start, end))
                }
                break
            }
            let k = Subtree.largestPowerOfTwo(below: end - start)
            if size <= k {
                ranges.append(Subtree(unchecked: start + k, end))
                end = start + k
            } else {
                ranges.append(Subtree(unchecked: start, start + k))
                start += k
                size -= k
                known = false
            }
        }
        return ranges.reversed()
    }
}
