public import ClearinghouseCore
public import ClearinghouseStore
import Synchronization

/// The in-memory index of advisories behind the OSV API, exposure and priorities. Readers take a snapshot under a
/// lock and work on it without one.
public final class AdvisoryCatalog: Catalog {
    private let index = Mutex(AdvisoryIndex())

    public init() {}

    public let name = "advisories"
    public let topics: Set<ChangeTopic> = [.advisory]
    public var count: Int { index.withLock { $0.count } }

    /// A consistent snapshot of the index.
    public var snapshot: AdvisoryIndex {
        index.withLock { $0 }
    }

    public func load(from repositories: Repositories) async throws {
        var loaded = AdvisoryIndex()
        var cursor: AdvisoryRepository.ChangeCursor?
        while true {
            let page = try await repositories.advisories.changes(after: cursor, limit: 2_000)
            for (advisory, _) in page { loaded.upsert(advisory) }
            guard page.count == 2_000, let last = page.last?.1 else { break }
            cursor = last
        }
        index.withLock { $0 = loaded }
    }

    public func apply(
        _ changed: [ChangeTopic: [String]], prepared: [any PreparedRecord], from repositories: Repositories
    ) async throws {
        let ids = Set(changed[.advisory] ?? []).map(Advisory.ID.init(rawValue:))
        guard !ids.isEmpty else { return }
        let found = try await repositories.advisories.find(ids)
        let present = Set(found.map(\.id))
        index.withLock { index in
            for advisory in found { index.upsert(advisory) }
            for id in ids where !present.contains(id) { index.remove(id) }
        }
    }
}
