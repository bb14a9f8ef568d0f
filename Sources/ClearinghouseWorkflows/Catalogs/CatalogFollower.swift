public import ClearinghouseStore
import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// Loads the catalogs and keeps them following the change feed, so that every node serves what any node stored
/// within ``interval`` (plus one read of the changed records).
///
/// Loading reads the feed's position first and the records second: a change committed in between is applied
/// again on the first step, which only re-reads it. A step reads the changes after the last one applied, asks each
/// catalog to re-read the records of its topics, and moves on; a node so far behind that the changes it needs were
/// pruned loads everything again. Steps run one at a time, whether the timer or a request that has just committed
/// a change (``catchUp()``, so that a client reads its own write on the node it wrote through) starts them. Callers
/// that arrive while a step waits to start share it: under a burst of writes, each step serves every commit before
/// it, rather than one step running per commit.
public final class CatalogFollower: Service, Sendable {
    /// The catalogs followed.
    public let catalogs: [any Catalog]
    let store: Store
    /// How long the timer waits between steps.
    public let interval: Duration
    let logger: Logger
    private let steps = SerialRunner()
    private let state = Mutex(State())
    private let next = Mutex(NextStep())

    private struct State {
        var loaded = false
        /// The last change applied.
        var cursor: Int64 = 0
        /// When a step last read the feed successfully.
        var followedAt: ContinuousClock.Instant?
        /// The last failure, until a step succeeds.
        var failure: String?
    }

    /// The step that has not started yet, which a caller of ``catchUp(prepared:)`` joins.
    private struct NextStep {
        var prepared: [any PreparedRecord] = []
        var task: Task<Void, any Error>?
    }

    /// Changes read per query.
    static let pageSize = 2_000

    public init(catalogs: [any Catalog], store: Store, interval: Duration = .milliseconds(500), logger: Logger) {
        self.catalogs = catalogs
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    /// Loads every catalog from the store, replacing what they held.
    public func load() async throws {
        try await steps.run { try await self.loadAll() }
    }

    /// Applies every change recorded so far. Call it after committing a change that catalogs index, with the
    /// records it stored where they are already in the form a catalog keeps (``PreparedRecord``).
    public func catchUp(prepared: [any PreparedRecord] = []) async throws {
        let step = next.withLock { next in
            next.prepared += prepared
            if let task = next.task { return task }
            let task = Task {
                try await self.steps.run {
                    // The step starts: what it reads covers every commit of the callers so far; a later caller
                    // needs the next step.
                    let prepared = self.next.withLock { next in
                        defer { next = NextStep() }
                        return next.prepared
                    }
                    try await self.step(prepared: prepared)
                }
            }
            next.task = task
            return task
        }
        try await step.value
    }

    /// What `/ready` reports.
    /// The last change applied: it moves whenever the catalogs take a change, so a cache of what they serve can
    /// tell that it may be stale.
    public var sequence: Int64 { state.withLock { $0.cursor } }

    public var status: CatalogStatus {
        let state = state.withLock { $0 }
        return CatalogStatus(
            loaded: state.loaded, sequence: state.cursor,
            followedAgo: state.followedAt.map { ContinuousClock.now - $0 }, failure: state.failure,
            counts: catalogs.map { ($0.name, $0.count) })
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.interval)
                guard !Task.isCancelled else { return }
                do {
                    try await self.catchUp()
                } catch {
                    self.state.withLock { $0.failure = "\(error)" }
                    self.logger.warning("could not follow the change feed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    private func loadAll() async throws {
        let started = ContinuousClock.now
        let position = try await store.read { repositories in
            let position = try await repositories.changes.position()
            for catalog in self.catalogs { try await catalog.load(from: repositories) }
            return position
        }
        state.withLock { state in
            state.loaded = true
            state.cursor = position.last
            state.followedAt = .now
            state.failure = nil
        }
        var metadata: Logger.Metadata = ["took": "\(ContinuousClock.now - started)", "sequence": "\(position.last)"]
        for catalog in catalogs { metadata[catalog.name] = "\(catalog.count)" }
        logger.info("catalogs loaded", metadata: metadata)
    }

    private func step(prepared: [any PreparedRecord]) async throws {
        // Until `load()` has run (after migrations), there is nothing to follow.
        guard state.withLock({ $0.loaded }) else { return }
        while true {
            let cursor = state.withLock { $0.cursor }
            let read: [CatalogChange]? = try await store.read { repositories in
                let position = try await repositories.changes.position()
                if position.prunedThrough > cursor { return nil }
                if position.last == cursor { return [] }
                let changes = try await repositories.changes.changes(after: cursor, limit: Self.pageSize)
                let byTopic = Dictionary(grouping: changes, by: \.topic).mapValues { $0.map(\.recordID) }
                for catalog in self.catalogs {
                    let relevant = byTopic.filter { catalog.topics.contains($0.key) }
                    if !relevant.isEmpty {
                        try await catalog.apply(relevant, prepared: prepared, from: repositories)
                    }
                }
                return changes
            }
            guard let changes = read else {
                logger.notice("the change feed was pruned past this node's position; loading the catalogs again")
                return try await loadAll()
            }
            state.withLock { state in
                if let last = changes.last { state.cursor = last.sequence }
                state.followedAt = .now
                state.failure = nil
            }
            if changes.count < Self.pageSize { return }
        }
    }
}

/// Where a node's catalogs stand.
public struct CatalogStatus: Sendable {
    /// Whether the catalogs were loaded.
    public let loaded: Bool
    /// The last change applied.
    public let sequence: Int64
    /// How long ago the feed was last read successfully.
    public let followedAgo: Duration?
    /// Why the last step failed, until one succeeds.
    public let failure: String?
    /// Each catalog's name and record count.
    public let counts: [(String, Int)]
}
