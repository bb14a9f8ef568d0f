import Foundation
import Testing
import TransparencyLog

/// Every case of transparency-dev/merkle's test data (`Resources/tlog-merkle`, see THIRD_PARTY_DATA.md): each
/// valid proof verifies and each must-fail case fails.
@Suite struct MerkleVectorTests {
    static let root = Bundle.module.bundleURL.appendingPathComponent("Resources/tlog-merkle")

    /// Every JSON file under a folder of the test data.
    static func files(_ folder: String) -> [URL] {
        let base = root.appendingPathComponent("testdata/\(folder)")
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path }
    }

    static func decode<Case: Decodable>(_ type: Case.Type, _ url: URL) throws -> Case {
        try JSONDecoder().decode(Case.self, from: Data(contentsOf: url))
    }

    /// Decodes a base64 hash.
    ///
    /// Some cases carry values that are not 32 bytes ("don't care" roots, empty hashes) where only their equality
    /// matters. The typed API cannot hold them, so they stand in as a hash of their bytes, which keeps equal values
    /// equal and different ones different. An empty value is no hash at all.
    static func hash(_ text: String) -> MerkleHash? {
        guard let bytes = Data(base64Encoded: text), !bytes.isEmpty else { return nil }
        return MerkleHash(bytes: bytes) ?? .leaf(Array("not a 32-byte hash:".utf8) + bytes)
    }

    static func hashes(_ texts: [String]?) -> [MerkleHash]? {
        var hashes: [MerkleHash] = []
        for text in texts ?? [] {
            guard let hash = hash(text) else { return nil }
            hashes.append(hash)
        }
        return hashes
    }

    struct Inclusion: Decodable {
        let leafIdx: UInt64
        let treeSize: UInt64
        let root: String
        let leafHash: String
        let proof: [String]?
        let wantErr: Bool
    }

    struct Consistency: Decodable {
        let size1: UInt64
        let size2: UInt64
        let root1: String
        let root2: String
        let proof: [String]?
        let wantErr: Bool
    }

    struct SubtreeInclusion: Decodable {
        let leafIdx: UInt64
        let start: UInt64
        let end: UInt64
        let root: String
        let leafHash: String
        let proof: [String]?
        let wantErr: Bool
    }

    struct SubtreeConsistency: Decodable {
        let start: UInt64
        let end: UInt64
        let size: UInt64
        let root1: String
        let root2: String
        let proof: [String]?
        let wantErr: Bool
    }

    @Test func inclusionProofs() throws {
        let files = Self.files("inclusion")
        #expect(files.count >= 90)
        for url in files {
            let vector = try Self.decode(Inclusion.self, url)
            var verified = false
            if let leaf = Self.hash(vector.leafHash), let root = Self.hash(vector.root),
                let proof = Self.hashes(vector.proof)
            {
                verified =
                    (try? InclusionProof.verify(
                        leafHash: leaf, index: vector.leafIdx, treeSize: vector.treeSize, proof: proof, root: root))
                    != nil
            }
            #expect(
                verified == !vector.wantErr,
                "\(url.lastPathComponent) in \(url.deletingLastPathComponent().lastPathComponent)")
        }
    }

    @Test func consistencyProofs() throws {
        let files = Self.files("consistency")
        #expect(files.count >= 90)
        for url in files {
            let vector = try Self.decode(Consistency.self, url)
            var verified = false
            if let first = Self.hash(vector.root1), let second = Self.hash(vector.root2),
                let proof = Self.hashes(vector.proof)
            {
                verified =
                    (try? ConsistencyProof.verify(
                        first: vector.size1, second: vector.size2, firstRoot: first, secondRoot: second, proof: proof))
                    != nil
            }
            #expect(
                verified == !vector.wantErr,
                "\(url.lastPathComponent) in \(url.deletingLastPathComponent().lastPathComponent)")
        }
    }

    @Test func subtreeInclusionProofs() throws {
        let files = Self.files("subtreeinclusion")
        #expect(files.count >= 90)
        for url in files {
            let vector = try Self.decode(SubtreeInclusion.self, url)
            var verified = false
            if let leaf = Self.hash(vector.leafHash), let root = Self.hash(vector.root),
                let proof = Self.hashes(vector.proof)
            {
                verified =
                    (try? InclusionProof.verify(
                        leafHash: leaf, index: vector.leafIdx, subtreeStart: vector.start, end: vector.end,
                        proof: proof, subtreeHash: root)) != nil
            }
            #expect(
                verified == !vector.wantErr,
                "\(url.lastPathComponent) in \(url.deletingLastPathComponent().lastPathComponent)")
        }
    }

    @Test func subtreeConsistencyProofs() throws {
        let files = Self.files("subtreeconsistency")
        #expect(files.count >= 90)
        for url in files {
            let vector = try Self.decode(SubtreeConsistency.self, url)
            var verified = false
            if let subtree = Self.hash(vector.root1), let root = Self.hash(vector.root2),
                let proof = Self.hashes(vector.proof)
            {
                verified =
                    (try? ConsistencyProof.verify(
                        subtreeStart: vector.start, end: vector.end, treeSize: vector.size, subtreeHash: subtree,
                        root: root, proof: proof)) != nil
            }
            #expect(
                verified == !vector.wantErr,
                "\(url.lastPathComponent) in \(url.deletingLastPathComponent().lastPathComponent)")
        }
    }

    struct Reference: Decodable {
        let leafInputsHex: [String]
        let rootHashesHexByTreeSize: [String]
        let nodeHashesHexByLevel: [[String]]

        enum CodingKeys: String, CodingKey {
            case leafInputsHex = "leaf_inputs_hex"
            case rootHashesHexByTreeSize = "root_hashes_hex_by_tree_size"
            case nodeHashesHexByLevel = "node_hashes_hex_by_level"
        }
    }

    static func referenceTree() throws -> (Reference, MerkleTree) {
        let reference = try decode(Reference.self, root.appendingPathComponent("rfc6962_reference_vectors.json"))
        let leaves = reference.leafInputsHex.map { hex in
            MerkleHash.leaf(
                stride(from: 0, to: hex.count, by: 2).map { offset in
                    let start = hex.index(hex.startIndex, offsetBy: offset)
                    return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
                })
        }
        return (reference, MerkleTree(leafHashes: leaves))
    }

    /// The RFC 6962 reference tree: every root by size and every stored node.
    @Test func referenceRootsAndNodes() throws {
        let (reference, tree) = try Self.referenceTree()
        for (size, hex) in reference.rootHashesHexByTreeSize.enumerated() {
            #expect(try tree.root(atSize: UInt64(size)) == MerkleHash(hex: hex), "root of size \(size)")
        }
        for (level, hashes) in reference.nodeHashesHexByLevel.enumerated() {
            for (index, hex) in hashes.enumerated() {
                #expect(tree.hash(of: NodeID(level: UInt8(level), index: UInt64(index))) == MerkleHash(hex: hex))
            }
        }
    }

    /// Generated proofs are the ones the vectors' happy paths carry.
    @Test func generatedProofsMatchTheVectors() throws {
        let (_, tree) = try Self.referenceTree()
        var compared = 0
        for url in Self.files("inclusion") where url.lastPathComponent == "happy-path.json" {
            let vector = try Self.decode(Inclusion.self, url)
            guard vector.treeSize <= tree.size else { continue }
            #expect(
                try tree.inclusionProof(index: vector.leafIdx, treeSize: vector.treeSize) == Self.hashes(vector.proof))
            compared += 1
        }
        for url in Self.files("consistency") where url.lastPathComponent == "happy-path.json" {
            let vector = try Self.decode(Consistency.self, url)
            guard vector.size2 <= tree.size else { continue }
            #expect(
                try tree.consistencyProof(first: vector.size1, second: vector.size2) == Self.hashes(vector.proof))
            compared += 1
        }
        #expect(compared >= 8)
    }
}
