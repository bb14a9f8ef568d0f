public import ClearinghouseCore
public import ClearinghouseStore
import Synchronization

/// The server's in-memory index of advisories, shared by every request: built from the store at start, updated
/// by every import. Readers take a snapshot under a lock and work on it without one.
public final class AdvisoryCatalog: Sendable {
    private let index = Mutex(AdvisoryIndex())

    public init() {}

    /// A consistent snapshot of the index.
    public var snapshot: AdvisoryIndex {
        index.withLock { $0 }
    }

    /// Adds or replaces advisories.
    public func upsert(_ advisories: [Advisory]) {
        guard !advisories.isEmpty else { return }
        index.withLock { index in
            for advisory in advisories { index.upsert(advisory) }
        }
    }

    /// Reads what was stored since the last call (at first, everything), page by page, and adds it.
    ///
    /// Changes are followed by the time they were stored; each call looks `margin` back, so that a transaction
    /// that committed late with an earlier time (another node, a long import) is not missed. Re-reading an
    /// advisory only replaces it with itself.
    ///
    /// - Returns: how many advisories were read.
    @discardableResult
    public func refresh(from store: Store, margin: Duration = .seconds(10), pageSize: Int = 2_000) async throws -> Int {
        let (seconds, attoseconds) = margin.components
        let marginMicroseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        var cursor = watermark.withLock { $0 }.map {
            AdvisoryRepository.ChangeCursor(updatedAt: $0.updatedAt - marginMicroseconds, id: .init(rawValue: ""))
        }
        var read = 0
        while true {
            let after = cursor
            let page = try await store.read { try await $0.advisories.changes(after: after, limit: pageSize) }
            upsert(page.map { $0.0 })
            read += page.count
            if let last = page.last?.1 {
                cursor = last
                watermark.withLock { mark in
                    if mark.map({ last.updatedAt > $0.updatedAt }) ?? true { mark = last }
                }
            }
            guard page.count == pageSize else { return read }
        }
    }

    private let watermark = Mutex<AdvisoryRepository.ChangeCursor?>(nil)
}
