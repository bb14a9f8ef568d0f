import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Logging
import TransparencyLog

/// `clearinghouse-bench`: measurements of the transparency log, run by `scripts/bench-log`.
///
/// Each subcommand prints one JSON object on standard output; progress goes to standard error.
@main
struct LogBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clearinghouse-bench",
        abstract: "Benchmarks of the transparency log and the advisory index (see scripts/bench-log, "
            + "scripts/bench-advisories and docs/performance.md).",
        subcommands: [
            AppendBenchmark.self, ProofBenchmark.self, VerifyBenchmark.self, AdvisoryBenchmark.self,
            IntakeBenchmark.self,
            CVSSBenchmark.self, PriorityBenchmark.self, QueryBatchBenchmark.self, ScanClaimBenchmark.self,
            WebhookBenchmark.self, TUFBenchmark.self, PublishedAdvisoriesCommand.self, IntervalBenchmark.self,
        ])
}

/// Entries like the ones the server logs: a confidential event's commitment, about 150 bytes.
func benchmarkDrafts(_ range: Range<Int>) -> [LogEntryDraft] {
    range.map { number in
        LogEntryDraft.confidential(
            kind: "organization.verify", event: .object(["n": .integer(Int64(number))]),
            visibility: Visibility(label: .amberStrict, owner: nil, participants: []),
            time: Date(timeIntervalSince1970: 1_800_000_000 + Double(number)),
            salt: withUnsafeBytes(of: UInt64(number).bigEndian) { Array($0) } + [UInt8](repeating: 0, count: 24))
    }
}

/// The process's own resident memory in bytes (`RssAnon` in /proc): its heap and stacks, without the pages of the
/// database file that SQLite maps, which belong to the operating system's file cache.
func residentMemory() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes * 1024
}

func printJSON(_ object: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `body` `rounds` times and gives the fastest round, with what that round returned.
func fastestRound<T>(_ rounds: Int, _ body: () throws -> T) rethrows -> (duration: Duration, result: T) {
    let clock = ContinuousClock()
    var best: (duration: Duration, result: T)?
    for _ in 0..<max(rounds, 1) {
        var result: T?
        let elapsed = try clock.measure { result = try body() }
        if best == nil || elapsed < best!.duration { best = (elapsed, result!) }
    }
    return best!
}

/// `append`: durable batched appends to a SQLite log.
struct AppendBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append", abstract: "Append entries in batches, each batch one durable transaction.")

    @Option(help: "The SQLite database file to create.") var database: String
    @Option(help: "Entries to append.") var entries: Int = 100_000
    @Option(help: "Entries per transaction.") var batch: Int = 1_000

    func run() async throws {
        let store = try await Store.open(.sqlite(path: database), logger: Logger(label: "bench"))
        _ = try await store.migrate(now: Date())
        let start = try await store.read { try await $0.log.state() }.size
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        var memory: [Int] = []
        var appended = 0
        while appended < entries {
            let count = min(batch, entries - appended)
            let drafts = benchmarkDrafts(Int(start) + appended..<Int(start) + appended + count)
            elapsed += try await clock.measure { _ = try await store.appendToLog(drafts, at: Date()) }
            appended += count
            if appended % max(batch, entries / 10) < batch {
                memory.append(residentMemory())
                FileHandle.standardError.write(Data("appended \(appended)/\(entries)\n".utf8))
            }
        }
        await store.close()
        try printJSON([
            "entries": entries, "batch": batch, "seconds": seconds(elapsed),
            "entries_per_second": Double(entries) / seconds(elapsed), "rss_bytes": memory,
        ])
    }
}

/// `proofs`: inclusion proofs generated from the store of an existing log.
struct ProofBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proofs", abstract: "Generate inclusion proofs for random entries of an existing log.")

    @Option(help: "The SQLite database file holding the log.") var database: String
    @Option(help: "Proofs to generate.") var count: Int = 200_000
    @Option(help: "Callers asking for proofs at once.") var concurrency: Int = 4
    @Option(help: "Proofs each caller asks for at once: 1 is a proof per request, as HTTP clients ask.")
    var batch: Int = 1
    @Flag(help: "Serve single proofs through the batcher the server uses, rather than a read per proof.")
    var coalesce = false

    func run() async throws {
        let store = try await Store.open(.sqlite(path: database), logger: Logger(label: "bench"))
        let size = try await store.read { try await $0.log.state() }.size
        let root = try await store.read { try await $0.log.root(atSize: size) }
        let perTask = count / concurrency / batch * batch
        let batch = batch
        let batcher = coalesce ? InclusionProofBatcher(store: store) : nil
        // Warm up as a running server is warm: the cache of upper nodes and the database pages.
        var warmUp = SplitMix(seed: 99)
        for _ in 0..<max(1, count / 10 / 1_000) {
            let indexes = (0..<1_000).map { _ in warmUp.next() % size }
            _ = try await store.read { try await $0.log.inclusionProofs(indexes: indexes, treeSize: size) }
        }
        let memoryBefore = residentMemory()
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<concurrency {
                    group.addTask {
                        var generator = SplitMix(seed: UInt64(task))
                        for _ in 0..<perTask / batch {
                            if let batcher {
                                _ = try await batcher.proof(index: generator.next() % size, treeSize: size)
                            } else if batch == 1 {
                                let index = generator.next() % size
                                _ = try await store.read {
                                    try await $0.log.inclusionProof(index: index, treeSize: size)
                                }
                            } else {
                                let indexes = (0..<batch).map { _ in generator.next() % size }
                                _ = try await store.read {
                                    try await $0.log.inclusionProofs(indexes: indexes, treeSize: size)
                                }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        // Spot-check that the proofs are right, one at a time and in a batch.
        let samples: [UInt64] = [0, size / 3, size - 1]
        let batched = try await store.read { try await $0.log.inclusionProofs(indexes: samples, treeSize: size) }
        for (index, batchedProof) in zip(samples, batched) {
            let entry = try await store.read { try await $0.log.entries(from: index, to: index + 1) }[0]
            let proof = try await store.read { try await $0.log.inclusionProof(index: index, treeSize: size) }
            let coalesced = try await InclusionProofBatcher(store: store).proof(index: index, treeSize: size)
            guard coalesced.proof == proof, coalesced.leafHash == entry.leafHash else {
                throw ValidationError("a coalesced proof differs")
            }
            try InclusionProof.verify(leafHash: entry.leafHash, index: index, treeSize: size, proof: proof, root: root)
            guard batchedProof == proof else { throw ValidationError("a batched proof differs") }
        }
        await store.close()
        let generated = perTask * concurrency
        try printJSON([
            "tree_size": size, "proofs": generated, "concurrency": concurrency, "batch": batch, "coalesced": coalesce,
            "seconds": seconds(elapsed),
            "proofs_per_second": Double(generated) / seconds(elapsed),
            "rss_bytes_before": memoryBefore, "rss_bytes_after": residentMemory(),
        ])
    }
}

/// `verify`: inclusion proofs verified per second, in memory.
struct VerifyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify inclusion proofs of a 1,000,000-leaf tree in memory.")

    @Option(help: "The tree size.") var size: Int = 1_000_000
    @Option(help: "Distinct proofs, verified round-robin.") var proofs: Int = 1_000
    @Option(help: "Verifications.") var count: Int = 1_000_000

    func run() async throws {
        var tree = MerkleTree()
        for number in 0..<size {
            tree.append(.leaf(withUnsafeBytes(of: UInt64(number)) { Array($0) }))
        }
        let treeSize = tree.size
        let root = tree.root
        var generator = SplitMix(seed: 7)
        let cases = try (0..<proofs).map { _ in
            let index = generator.next() % treeSize
            return (
                index, tree.hash(of: NodeID(level: 0, index: index))!,
                try tree.inclusionProof(index: index, treeSize: treeSize)
            )
        }
        let clock = ContinuousClock()
        var verified = 0
        let elapsed = try clock.measure {
            for number in 0..<count {
                let (index, leaf, proof) = cases[number % cases.count]
                try InclusionProof.verify(leafHash: leaf, index: index, treeSize: treeSize, proof: proof, root: root)
                verified += 1
            }
        }
        try printJSON([
            "tree_size": size, "verifications": verified, "seconds": seconds(elapsed),
            "verifications_per_second": Double(verified) / seconds(elapsed),
            "proof_hashes": cases.map(\.2.count).reduce(0, +) / cases.count,
        ])
    }
}

/// A small deterministic random number generator, so that runs pick the same entries.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
