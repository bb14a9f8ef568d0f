public import ClearinghouseCore
public import ClearinghouseStore
public import Logging
public import ServiceLifecycle
import Synchronization
public import TransparencyLog

/// Signs the transparency log's checkpoints in batches: once `batchSize` entries were appended through this
/// server, or `interval` after the last signature when the log has grown (also by other server nodes).
///
/// Mutations acknowledge as soon as their entries are committed; the checkpoint that covers them follows within
/// the batch's bounds. `start()` signs once before the server accepts connections, so that a restart covers
/// entries committed before a crash, and a key that does not match the log stops the server at once.
public final class LogCheckpointer: Service, Sendable {
    let store: Store
    let signer: NoteSigner
    let batchSize: Int
    let interval: Duration
    let dependencies: Dependencies
    let logger: Logger
    /// The latest checkpoint as the API serves it, updated at once when this server signs.
    public let published = CheckpointCache()

    private struct State {
        /// Entries appended through this server since the last signature.
        var pending = 0
        /// Whether `start()` has run.
        var started = false
        /// The run loop, when it waits for a full batch.
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// - Parameters:
    ///   - store: The store holding the log.
    ///   - signer: The log's key; its name is the origin line.
    ///   - batchSize: Entries that trigger a signature at once.
    ///   - interval: The longest a committed entry waits for a checkpoint.
    public init(
        store: Store, signer: NoteSigner, batchSize: Int, interval: Duration, dependencies: Dependencies,
        logger: Logger
    ) {
        self.store = store
        self.signer = signer
        self.batchSize = max(1, batchSize)
        self.interval = interval
        self.dependencies = dependencies
        self.logger = logger
    }

    /// Signs the first checkpoint; call it once the schema is migrated.
    ///
    /// - Throws: `schema_mismatch` when the key is not the log's, or the stored log is not consistent with its
    ///   own latest checkpoint.
    public func start() async throws {
        // Always through the store's signing, which checks the key against the log's origin even when the log
        // has not grown since another node's checkpoint.
        let checkpoint = try await store.signCheckpoint(signer: signer, now: dependencies.now())
        published.remember(checkpoint, at: dependencies.now())
        logger.debug("log checkpoint at start", metadata: ["tree_size": "\(checkpoint.size)"])
        let waiter = state.withLock { state in
            state.started = true
            return state.waiter.take()
        }
        waiter?.resume()
    }

    /// Tells the checkpointer that entries were committed.
    public func appended(_ count: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.pending += count
            return state.pending >= batchSize && state.started ? state.waiter.take() : nil
        }
        waiter?.resume()
    }

    /// Signs batches until graceful shutdown, then once more for what is left.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.waitUntilStarted()
            while !Task.isCancelled {
                await self.waitForBatch()
                guard !Task.isCancelled else { break }
                do {
                    try await self.signIfGrown()
                } catch {
                    self.logger.error("could not sign a log checkpoint", metadata: ["error": "\(error)"])
                }
            }
        }
        // Cover what this server appended before it stops gracefully; the store is still open. A server that
        // never started (its start-up failed) or is torn down by an error signs nothing.
        guard state.withLock({ $0.started }), !Task.isCancelled else { return }
        do {
            try await signIfGrown()
        } catch {
            logger.warning("could not sign the final log checkpoint", metadata: ["error": "\(error)"])
        }
    }

    /// Signs a checkpoint when the log is larger than its latest one.
    func signIfGrown() async throws {
        state.withLock { $0.pending = 0 }
        let (size, signed) = try await store.read { repositories in
            (try await repositories.log.state().size, try await repositories.log.latestCheckpoint()?.size)
        }
        guard signed != size else { return }
        let checkpoint = try await store.signCheckpoint(signer: signer, now: dependencies.now())
        published.remember(checkpoint, at: dependencies.now())
        logger.debug("signed a log checkpoint", metadata: ["tree_size": "\(checkpoint.size)"])
    }

    private func waitUntilStarted() async {
        await wait { $0.started }
    }

    /// Returns after `interval`, or sooner when a batch fills.
    private func waitForBatch() async {
        let interval = interval
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: interval) }
            group.addTask { await self.wait { $0.pending >= self.batchSize } }
            await group.next()
            group.cancelAll()
        }
    }

    /// Suspends until `condition` holds when checked by `start()` or `appended(_:)`, or until cancelled.
    private func wait(until condition: @escaping @Sendable (State) -> Bool) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state in
                    if condition(state) || Task.isCancelled {
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if ready {
                    continuation.resume()
                }
            }
        } onCancel: {
            state.withLock { $0.waiter.take() }?.resume()
        }
    }
}
