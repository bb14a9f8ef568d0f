import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import JSONSupport
import SQLKit
import Testing
import TransparencyLog

@testable import ClearinghouseStore

@Suite struct TransparencyLogStoreTests {
    static let signer = try! NoteSigner(name: "clearinghouse.test/log", seed: [UInt8](repeating: 1, count: 32))

    static func drafts(_ count: Int, from start: Int = 0) -> [LogEntryDraft] {
        (start..<start + count).map { index in
            .published(
                kind: "test.entry", body: .object(["n": .integer(Int64(index))]),
                time: Date(timeIntervalSince1970: 1_800_000_000))
        }
    }

    @Test(arguments: engines)
    func appendsProveAndCheckpoint(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store async throws in
            var tree = MerkleTree()
            var appended: [UInt64] = []
            for batch in [1, 2, 5, 13, 40, 200] {
                let drafts = Self.drafts(batch, from: Int(tree.size))
                appended += try await store.appendToLog(drafts, at: Date())
                drafts.forEach { tree.append($0.leafHash) }
            }
            #expect(appended == Array(0..<tree.size))
            let state = try await store.read { try await $0.log.state() }
            #expect(state.size == tree.size)
            #expect(state.frontier.root == tree.root)
            for size in [1, 2, 7, 64, 100, tree.size] as [UInt64] {
                let root = try await store.read { try await $0.log.root(atSize: size) }
                #expect(root == (try tree.root(atSize: size)))
                for index in [0, size / 2, size - 1] {
                    let proof = try await store.read { try await $0.log.inclusionProof(index: index, treeSize: size) }
                    #expect(proof == (try tree.inclusionProof(index: index, treeSize: size)))
                }
                let consistency = try await store.read { try await $0.log.consistencyProof(first: 1, second: size) }
                #expect(consistency == (try tree.consistencyProof(first: 1, second: size)))
            }
            let entries = try await store.read { try await $0.log.entries(from: 3, to: 6) }
            #expect(entries.map(\.index) == [3, 4, 5])
            #expect(entries.allSatisfy { MerkleHash.leaf($0.data) == $0.leafHash })
            let found = try await store.read { try await $0.log.entry(withLeafHash: entries[1].leafHash) }
            #expect(found?.index == 4)
            let level0 = try await store.read { try await $0.log.levelHashes(level: 0, start: 256, count: 256) }
            #expect(level0 == (256..<261).map { tree.hash(of: NodeID(level: 0, index: $0))! })

            let checkpoint = try await store.signCheckpoint(signer: Self.signer, now: Date())
            #expect(checkpoint.size == tree.size)
            #expect(checkpoint.root == tree.root)
            let note = try SignedNote(parsing: checkpoint.note)
            try note.verify(with: [Self.signer.verifier])
            #expect(
                try Checkpoint(text: note.text)
                    == Checkpoint(origin: Self.signer.name, size: tree.size, root: tree.root))
            #expect(try await store.signCheckpoint(signer: Self.signer, now: Date()) == checkpoint)

            let stranger = try NoteSigner(name: "other.test/log", seed: [UInt8](repeating: 2, count: 32))
            _ = try await store.appendToLog(Self.drafts(1, from: 999), at: Date())
            await #expect {
                try await store.signCheckpoint(signer: stranger, now: Date())
            } throws: { ($0 as? ClearinghouseError)?.code == .schemaMismatch }
        }
    }

    @Test(arguments: engines)
    func refusesToSignOverAnAlteredHistory(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store async throws in
            _ = try await store.appendToLog(Self.drafts(10), at: Date())
            try await store.signCheckpoint(signer: Self.signer, now: Date())
            // Rewrite an interior node that the next checkpoint's consistency proof depends on.
            try await store.engine.transaction { database in
                try await database.update("log_nodes").set("hash", to: Data(MerkleHash.leaf([9]).bytes))
                    .where("node_id", .equal, LogRepository.key(NodeID(level: 1, index: 4)))
                    .run()
            }
            _ = try await store.appendToLog(Self.drafts(10, from: 10), at: Date())
            await #expect {
                try await store.signCheckpoint(signer: Self.signer, now: Date())
            } throws: { ($0 as? ClearinghouseError)?.code == .schemaMismatch }
        }
    }

    @Test(arguments: engines)
    func confidentialEntriesKeepTheirPreimage(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let organization = fixtures.organization(.operator)
            let draft = LogEntryDraft.confidential(
                kind: "organization.verify", event: .object(["id": .string(organization.id.rawValue)]),
                visibility: organization.visibility, time: Date(), salt: [UInt8](repeating: 3, count: 32))
            try await store.write(fixtures.event(.organizationCreate)) {
                try await $0.organizations.insert(organization)
            }
            let index = try await store.appendToLog([draft], at: Date())[0]
            let commitment = try await store.read { try await $0.log.commitment(at: index) }
            #expect(commitment == draft.commitment)
            #expect(try await store.read { try await $0.log.commitment(at: index + 1) } == nil)
        }
    }

    /// Four server nodes appending at once to one PostgreSQL database never leave a gap or reuse an index.
    @Test func nodesSharingPostgresAssignIndexesOnce() async throws {
        try await TestDatabase.with(.postgres) { database in
            try await Store.withStore(database.url, logger: .init(label: "test")) { store async throws in
                try await store.migrate(now: Date())
            }
            let indexes = try await withThrowingTaskGroup(of: [UInt64].self) { group in
                for node in 0..<4 {
                    group.addTask {
                        try await Store.withStore(database.url, logger: .init(label: "test")) { store async throws in
                            var mine: [UInt64] = []
                            for batch in 0..<10 {
                                mine += try await store.appendToLog(
                                    Self.drafts(5, from: node * 1000 + batch * 5), at: Date())
                            }
                            return mine
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(indexes.sorted() == Array(0..<200))
            try await Store.withStore(database.url, logger: .init(label: "test")) { store async throws in
                let entries = try await store.read { try await $0.log.entries(from: 0, to: 200) }
                let tree = MerkleTree(leafHashes: entries.map(\.leafHash))
                #expect(try await store.read { try await $0.log.state() }.frontier.root == tree.root)
            }
        }
    }
}

@Suite struct PerfectNodeCacheTests {
    @Test func keepsTheUpperLevelsThatFit() {
        let cache = PerfectNodeCache()
        #expect(cache.floor(forTreeSize: 0) == 1)
        #expect(cache.floor(forTreeSize: 131_072) == 1)
        #expect(cache.floor(forTreeSize: 131_073) == 2)
        #expect(cache.floor(forTreeSize: 1_000_000) == 4)
        #expect(cache.floor(forTreeSize: 100_000_000) == 11)
        #expect(cache.floor(forTreeSize: UInt64.max) == 48)
    }

    @Test func dropsLevelsAsTheTreeGrowsAndStaysWithinItsCapacity() {
        let cache = PerfectNodeCache(capacity: 8)
        let nodes = (1...4 as ClosedRange<UInt8>).flatMap { level in
            (0..<2 as Range<UInt64>).map { NodeID(level: level, index: $0) }
        }
        let keys = nodes.map(LogRepository.key)
        #expect(cache.lookUp(keys, treeSize: 8).floor == 1)
        cache.keep(keys.map { ($0, MerkleHash.leaf(withUnsafeBytes(of: $0) { Array($0) })) })
        #expect(cache.count == 8)
        let found = cache.lookUp(keys, treeSize: 8).found
        #expect(found.count == 8)
        #expect(found[keys[3]] == MerkleHash.leaf(withUnsafeBytes(of: keys[3]) { Array($0) }))
        cache.keep([(LogRepository.key(NodeID(level: 5, index: 0)), .emptyTree)])
        #expect(cache.count == 8, "a full cache keeps what it has")

        // A tree of 32 leaves has more upper nodes than fit: levels 1 and 2 go.
        let grown = cache.lookUp(keys, treeSize: 32)
        #expect(grown.floor == 3)
        #expect(Set(grown.found.keys) == Set(keys.filter { LogRepository.node(forKey: $0).level >= 3 }))
        #expect(cache.count == 4)
    }

    @Test(arguments: engines)
    func proofsFromTheCacheMatchTheTree(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store async throws in
            let drafts = TransparencyLogStoreTests.drafts(1_000)
            _ = try await store.appendToLog(drafts, at: Date())
            let tree = MerkleTree(leafHashes: drafts.map(\.leafHash))
            let indexes: [UInt64] = [0, 1, 255, 256, 511, 700, 998, 999]
            for size in [1_000, 999, 700] as [UInt64] {
                let sizes = indexes.filter { $0 < size }
                // Twice: the second time the upper nodes come from the cache.
                for _ in 0..<2 {
                    let batched = try await store.read {
                        try await $0.log.inclusionProofs(indexes: sizes, treeSize: size)
                    }
                    for (index, proof) in zip(sizes, batched) {
                        #expect(proof == (try tree.inclusionProof(index: index, treeSize: size)), "\(index) in \(size)")
                        let single = try await store.read {
                            try await $0.log.inclusionProof(index: index, treeSize: size)
                        }
                        #expect(single == proof)
                    }
                }
            }
            #expect(store.nodeCache.count > 0)
            #expect(store.nodeCache.count < 1_000, "leaves are never cached")
        }
    }
}

@Suite struct InclusionProofBatcherTests {
    /// Callers asking at once, for entries of trees of several sizes, each get their own proof; a caller asking
    /// for an entry beyond its tree fails alone.
    @Test(arguments: engines)
    func everyCallerGetsItsOwnProof(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store async throws in
            let drafts = TransparencyLogStoreTests.drafts(300)
            _ = try await store.appendToLog(drafts, at: Date())
            let tree = MerkleTree(leafHashes: drafts.map(\.leafHash))
            let batcher = InclusionProofBatcher(store: store, concurrentReads: 2)
            let sizes: [UInt64] = [300, 257, 100]
            let answers = try await withThrowingTaskGroup(of: (UInt64, UInt64, [MerkleHash]?).self) { group in
                for caller in 0..<400 {
                    group.addTask {
                        let size = sizes[caller % sizes.count]
                        let index = UInt64(caller * 7 % 310)
                        let answer = try? await batcher.proof(index: index, treeSize: size)
                        if let answer {
                            #expect(answer.leafHash == drafts[Int(index)].leafHash)
                        }
                        return (index, size, answer?.proof)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.count == 400)
            for (index, size, proof) in answers {
                if index < size {
                    #expect(proof == (try tree.inclusionProof(index: index, treeSize: size)), "\(index) in \(size)")
                } else {
                    #expect(proof == nil, "\(index) is beyond \(size)")
                }
            }
        }
    }
}
