import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Logging

/// `tuf-publish`: published advisories signed into the TUF repository per second, with many targets already in it
/// (each signing round writes the whole targets metadata again): advisories stored as publication stores them, then
/// the `tuf.sign` job adding them as targets and signing targets, snapshot and timestamp, on SQLite with durable
/// transactions. Measured twice: one advisory per round (each publication signed before the next), and rounds of
/// the job's batch size.
struct TUFBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tuf-publish",
        abstract: "Publish and sign advisories into a TUF repository that already holds N targets (scripts/bench-tuf).")

    @Option(help: "The SQLite database file to create.") var database: String
    @Option(help: "Targets published and signed before measuring.") var existing: Int = 10_000
    @Option(help: "Advisories published one at a time, each followed by a signing round.") var single: Int = 100
    @Option(help: "Advisories published in a batch, then signed by as many rounds as it takes.") var batch: Int = 2_000

    func run() async throws {
        let dependencies = IntakeBenchmark.dependencies()
        let logger = Logger(label: "bench")
        let store = try await Store.open(.sqlite(path: database), logger: logger)
        _ = try await store.migrate(now: Date())
        let online = TUFOnlineKeys.generate()
        _ = try await TUFRepositoryWorkflows.initialize(
            rootKey: TUFSigningKey(), online: online, lifetimes: TUFLifetimes(), store: store,
            dependencies: dependencies)
        let job = TUFRepositoryWorkflows.job(signing: TUFSigning(keys: online))
        let context = JobContext(
            commits: CommitPath(store: store, dependencies: dependencies, catalogs: nil, logger: logger), node: "bench")
        let seeder = try await PublishedAdvisorySeeder(store: store, dependencies: dependencies)
        func signAll() async throws -> Int {
            var rounds = 0
            while try await store.read({ try await $0.tuf.unlistedAdvisories(limit: 1) }).isEmpty == false {
                _ = try await job.run(context)
                rounds += 1
            }
            return rounds
        }

        let clock = ContinuousClock()
        let seeded = clock.now
        try await seeder.publish(existing)
        _ = try await signAll()
        let seeding = seconds(clock.now - seeded)

        let singleStart = clock.now
        for _ in 0..<single {
            try await seeder.publish(1)
            _ = try await signAll()
        }
        let singleSeconds = seconds(clock.now - singleStart)

        let batchStart = clock.now
        try await seeder.publish(batch)
        let rounds = try await signAll()
        let batchSeconds = seconds(clock.now - batchStart)

        let targets = try await store.read { try await $0.tuf.targets() }.count
        let targetsSize = try await store.read { try await $0.tuf.current(.targets) }?.text.utf8.count ?? 0
        await store.close()
        try printJSON([
            "existing": existing, "targets": targets, "targets_metadata_bytes": targetsSize,
            "seeding_seconds": seeding,
            "single": single, "single_per_second": Double(single) / singleSeconds,
            "batch": batch, "batch_rounds": rounds, "batch_per_second": Double(batch) / batchSeconds,
            "rss_bytes": residentMemory(),
        ])
    }
}
