public import ClearinghouseCore
public import ClearinghouseStore
public import Foundation
import Synchronization

/// The latest signed checkpoint, kept in memory: every read of the log is bounded by it, so that reading it from
/// the database on every request would cost more than the request.
///
/// A checkpoint this server signs replaces it at once; one signed by another node is read within `lifetime` (one
/// second by default). Either is a valid signed view of the log, so a client never sees anything it cannot verify.
public final class CheckpointCache: Sendable {
    private struct Cached {
        let checkpoint: StoredCheckpoint
        let loadedAt: Date
    }

    let lifetime: TimeInterval
    private let cached = Mutex<Cached?>(nil)

    init(lifetime: TimeInterval = 1) {
        self.lifetime = lifetime
    }

    /// The latest checkpoint as of at most `lifetime` before `now`.
    ///
    /// - Throws: `unavailable` before the log's first checkpoint.
    public func latest(from store: Store, now: Date) async throws -> StoredCheckpoint {
        if let fresh = cached.withLock({ $0 }), now.timeIntervalSince(fresh.loadedAt) < lifetime {
            return fresh.checkpoint
        }
        guard let checkpoint = try await store.read({ try await $0.log.latestCheckpoint() }) else {
            throw ClearinghouseError(.unavailable, "The transparency log has no signed checkpoint yet; retry shortly.")
        }
        remember(checkpoint, at: now)
        return checkpoint
    }

    /// Keeps a checkpoint unless a larger one is already kept.
    func remember(_ checkpoint: StoredCheckpoint, at now: Date) {
        cached.withLock { cached in
            let kept = cached?.checkpoint
            cached = Cached(
                checkpoint: kept.map { $0.size > checkpoint.size ? $0 : checkpoint } ?? checkpoint, loadedAt: now)
        }
    }
}
