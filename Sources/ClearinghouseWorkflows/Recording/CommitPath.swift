public import ClearinghouseCore
public import ClearinghouseStore
public import Logging

/// The one way a workflow commits a change: the change, its audit events, its transparency-log entries and its
/// outbox messages in one transaction; then the checkpointer is told how many entries wait for a signature, and
/// this node's catalogs catch up when the change recorded catalog changes (the repositories record them, so no
/// workflow has to say so).
public struct CommitPath: Sendable {
    public let store: Store
    public let dependencies: Dependencies
    /// Told how many log entries a commit appended (the server's checkpointer batches signatures by it).
    let logAppended: @Sendable (Int) -> Void
    /// This node's catalogs; `nil` where none run (the command line).
    let catalogs: CatalogFollower?
    let logger: Logger

    public init(
        store: Store, dependencies: Dependencies, catalogs: CatalogFollower?, logger: Logger,
        logAppended: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.store = store
        self.dependencies = dependencies
        self.catalogs = catalogs
        self.logger = logger
        self.logAppended = logAppended
    }

    /// Commits a change described by `event`.
    ///
    /// - Returns: the change's value, once committed (and, for catalog changes, applied on this node).
    /// - Throws: what the change throws, or `conflict` on a uniqueness violation; nothing is written then.
    public func commit<T: Sendable>(
        _ event: AuditEvent, _ change: @Sendable (Repositories) async throws -> Recorded<T>
    ) async throws -> T {
        let now = dependencies.now()
        let (committed, changedCatalogs) = try await store.writeNotingChanges(event) { repositories in
            let recorded = try await change(repositories)
            for other in recorded.events { try await repositories.audit.append(other) }
            _ = try await repositories.log.append(recorded.log, at: now)
            if !recorded.outbox.isEmpty { try await repositories.outbox.enqueue(recorded.outbox) }
            return (value: recorded.value, appended: recorded.log.count, prepared: recorded.prepared)
        }
        if committed.appended > 0 { logAppended(committed.appended) }
        if changedCatalogs { await followCommittedChanges(prepared: committed.prepared) }
        return committed.value
    }

    /// Brings this node's catalogs up to what was committed, so that a client reads its own write here. A failure
    /// is logged, not thrown: the change is committed, and the follower's timer applies it on its next step.
    public func followCommittedChanges(prepared: [any PreparedRecord] = []) async {
        guard let catalogs else { return }
        do {
            try await catalogs.catchUp(prepared: prepared)
        } catch {
            logger.warning("catalogs could not follow a committed change yet", metadata: ["error": "\(error)"])
        }
    }
}

/// What a change leaves besides itself, returned from inside its transaction to ``CommitPath/commit(_:_:)``.
public struct Recorded<Value: Sendable>: Sendable {
    public var value: Value
    /// Transparency-log entries.
    public var log: [LogEntryDraft]
    /// Side effects for the outbox relay.
    public var outbox: [OutboxMessage]
    /// Audit events besides the one the commit was made with (a change that concerns several records).
    public var events: [AuditEvent]
    /// The records it stored, already in the form a catalog keeps them, for this node's catalogs to take.
    public var prepared: [any PreparedRecord]

    public init(
        _ value: Value, log: [LogEntryDraft] = [], outbox: [OutboxMessage] = [], events: [AuditEvent] = [],
        prepared: [any PreparedRecord] = []
    ) {
        self.value = value
        self.log = log
        self.outbox = outbox
        self.events = events
        self.prepared = prepared
    }
}

extension Recorded where Value == Void {
    /// A change that leaves only its audit event.
    public static var nothing: Recorded<Void> { Recorded(()) }
}
