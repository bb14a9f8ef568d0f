import Foundation
import Testing
import TransparencyLog

/// Proofs generated for every leaf and every pair of sizes of trees up to 70 leaves verify, and tampered ones
/// do not.
@Suite struct MerkleProofTests {
    static func tree(_ size: Int) -> MerkleTree {
        MerkleTree(leafHashes: (0..<size).map { MerkleHash.leaf(Array("leaf \($0)".utf8)) })
    }

    @Test func everyInclusionProofVerifies() throws {
        let tree = Self.tree(70)
        for size in 1...tree.size {
            let root = try tree.root(atSize: size)
            for index in 0..<size {
                let proof = try tree.inclusionProof(index: index, treeSize: size)
                let leaf = try #require(tree.hash(of: NodeID(level: 0, index: index)))
                try InclusionProof.verify(leafHash: leaf, index: index, treeSize: size, proof: proof, root: root)
                if let first = proof.first {
                    var tampered = proof
                    tampered[0] = .node(first, first)
                    #expect(throws: ProofError.self) {
                        try InclusionProof.verify(
                            leafHash: leaf, index: index, treeSize: size, proof: tampered, root: root)
                    }
                }
            }
        }
    }

    @Test func everyConsistencyProofVerifies() throws {
        let tree = Self.tree(70)
        for second in 0...tree.size {
            let secondRoot = try tree.root(atSize: second)
            for first in 1...max(1, second) where first <= second {
                let proof = try tree.consistencyProof(first: first, second: second)
                try ConsistencyProof.verify(
                    first: first, second: second, firstRoot: tree.root(atSize: first), secondRoot: secondRoot,
                    proof: proof)
                if first < second {
                    #expect(throws: ProofError.self) {
                        try ConsistencyProof.verify(
                            first: first, second: second, firstRoot: .leaf([1]), secondRoot: secondRoot, proof: proof)
                    }
                }
            }
        }
    }

    @Test func theFrontierRestoresAndReportsCompletedNodes() throws {
        var frontier = MerkleFrontier()
        var tree = MerkleTree()
        var stored: [NodeID: MerkleHash] = [:]
        for index in 0..<300 {
            let leaf = MerkleHash.leaf(Array("\(index)".utf8))
            for (node, hash) in frontier.append(leaf) {
                stored[node] = hash
            }
            tree.append(leaf)
            #expect(frontier.root == tree.root)
            let restored = try #require(MerkleFrontier(size: frontier.size, hashes: frontier.hashes))
            #expect(restored == frontier)
            #expect(frontier.nodes.map { stored[$0] } == frontier.hashes)
        }
        #expect(stored == tree.nodes)
        #expect(MerkleFrontier(size: 3, hashes: [.emptyTree]) == nil)
    }

    @Test func hashesReadTheirEncodings() {
        let hash = MerkleHash.leaf([1, 2, 3])
        #expect(MerkleHash(base64: hash.base64) == hash)
        #expect(MerkleHash(hex: hash.hex) == hash)
        #expect(MerkleHash(hex: hash.hex.uppercased()) == hash)
        #expect(MerkleHash(bytes: hash.bytes) == hash)
        #expect(MerkleHash(base64: "AAAA") == nil)
        #expect(MerkleHash(hex: "zz" + String(hash.hex.dropFirst(2))) == nil)
        #expect(MerkleHash(bytes: [UInt8](repeating: 0, count: 31)) == nil)
        #expect(MerkleHash.emptyTree.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func subtreesFollowTheDraftsDefinition() {
        #expect(Subtree(start: 4, end: 8) != nil)
        #expect(Subtree(start: 8, end: 13) != nil)
        #expect(Subtree(start: 3, end: 5) == nil)
        #expect(Subtree(start: 2, end: 2) == nil)
        #expect(Subtree(start: 1, end: UInt64.max) == nil)
        #expect(Subtree(start: 0, end: UInt64.max) != nil)
        #expect(Subtree(start: 8, end: 13)?.perfectNodes == [NodeID(level: 2, index: 2), NodeID(level: 0, index: 12)])
    }
}
