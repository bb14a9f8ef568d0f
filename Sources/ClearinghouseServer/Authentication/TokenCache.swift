import ClearinghouseCore
import Foundation
import Synchronization

/// Keeps recently used token records and their organizations in memory, so that authenticating a request does not
/// read the database every time.
///
/// Only what the store returned is cached, never a verdict: expiry, revocation and the secret's hash are checked
/// on every request by `TokenAuthenticator`. An entry lives `lifetime` (one second by default), so that a token
/// revoked or an organization changed on another server node is seen here within that time; on this node,
/// revocation and verification drop the entries they affect at once.
final class TokenCache: Sendable {
    struct Entry {
        let token: APIToken
        let organization: Organization
        let loadedAt: Date
    }

    /// How long an entry is trusted.
    let lifetime: TimeInterval
    /// The most entries kept; when full, the stalest half is dropped.
    let capacity: Int
    private let state = Mutex(State())
    /// Loads under way, so that the requests that miss the same entry at once wait for one read of the store.
    private let loading = Mutex<[String: Task<(token: APIToken, organization: Organization)?, any Error>]>([:])

    private struct State {
        var entries: [String: Entry] = [:]
        /// When this node last began recording each token's use. Kept apart from the entries, which are re-read
        /// every second: until the recording commits, a re-read still shows the old time.
        var uses: [APIToken.ID: Date] = [:]
        /// Counts the forgettings: a load that began before one may have read what was forgotten, and is not kept.
        var generation: UInt64 = 0
    }

    init(lifetime: TimeInterval = 1, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The record for a token prefix: from the cache when fresh at `now`, otherwise from `load`, which runs once
    /// for all the requests that miss at the same time.
    func resolve(
        prefix: String, now: Date,
        load: @escaping @Sendable () async throws -> (token: APIToken, organization: Organization)?
    ) async throws -> (token: APIToken, organization: Organization)? {
        if let cached = lookup(prefix: prefix, now: now) {
            return cached
        }
        let task = loading.withLock { loading in
            if let running = loading[prefix] {
                return running
            }
            let generation = state.withLock { $0.generation }
            // The task is in `loading` before it can finish: it takes the same lock to remove itself.
            let task = Task {
                defer { self.loading.withLock { _ = $0.removeValue(forKey: prefix) } }
                let loaded = try await load()
                if let (token, organization) = loaded {
                    self.store(token, organization: organization, at: now, loadedIn: generation)
                }
                return loaded
            }
            loading[prefix] = task
            return task
        }
        return try await task.value
    }

    /// The cached record for a token prefix, when it is fresh at `now`.
    func lookup(prefix: String, now: Date) -> (token: APIToken, organization: Organization)? {
        state.withLock { state in
            guard let entry = state.entries[prefix] else { return nil }
            guard now.timeIntervalSince(entry.loadedAt) < lifetime, now >= entry.loadedAt else {
                state.entries[prefix] = nil
                return nil
            }
            return (entry.token, entry.organization)
        }
    }

    /// Remembers what the store returned for a token, unless something was forgotten since the read began.
    private func store(_ token: APIToken, organization: Organization, at now: Date, loadedIn generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity {
                let stalest = state.entries.sorted { $0.value.loadedAt < $1.value.loadedAt }.prefix(capacity / 2)
                for (prefix, _) in stalest {
                    state.entries[prefix] = nil
                }
            }
            state.entries[token.prefix] = Entry(token: token, organization: organization, loadedAt: now)
        }
    }

    /// Whether the request at `date` is the one to record a token's use: the first on this node since
    /// `resolution`. Requests that arrive while a recording waits for the database do not queue another.
    func claimUse(of token: APIToken.ID, at date: Date, resolution: TimeInterval) -> Bool {
        state.withLock { state in
            if let last = state.uses[token], date.timeIntervalSince(last) < resolution, date >= last { return false }
            if state.uses.count >= capacity {
                state.uses = state.uses.filter { date.timeIntervalSince($0.value) < resolution }
            }
            state.uses[token] = date
            return true
        }
    }

    /// Gives up a claim whose recording failed, so that a later request records the use.
    func releaseUse(of token: APIToken.ID) {
        state.withLock { _ = $0.uses.removeValue(forKey: token) }
    }

    /// Notes a token's last use in its entry, if it still has one (never bringing back a forgotten token).
    func noteUse(of token: APIToken.ID, at date: Date) {
        state.withLock { state in
            for (prefix, entry) in state.entries where entry.token.id == token {
                var used = entry.token
                used.lastUsedAt = date
                state.entries[prefix] = Entry(token: used, organization: entry.organization, loadedAt: entry.loadedAt)
            }
        }
    }

    /// Forgets a token, after it was revoked.
    func forget(token: APIToken.ID) {
        forget { $0.token.id == token }
    }

    /// Forgets every token of an organization, after the organization changed.
    func forget(organization: Organization.ID) {
        forget { $0.organization.id == organization }
    }

    /// Drops the matching entries, and makes every load under way (which may have read them before the change)
    /// neither kept nor shared with later requests.
    private func forget(where matches: (Entry) -> Bool) {
        loading.withLock { loading in
            state.withLock { state in
                state.entries = state.entries.filter { !matches($0.value) }
                state.generation += 1
            }
            loading.removeAll()
        }
    }
}
