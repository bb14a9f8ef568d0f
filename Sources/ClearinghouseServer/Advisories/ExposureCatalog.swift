public import ClearinghouseCore
public import ClearinghouseStore
import Synchronization

/// The server's in-memory index of SBOM components and VEX statements, shared by every request: loaded from the
/// store at start, updated by every upload, replacement and deletion made through the server.
public final class ExposureCatalog: Sendable {
    private let index = Mutex(ExposureIndex())

    public init() {}

    /// A consistent snapshot.
    public var snapshot: ExposureIndex {
        index.withLock { $0 }
    }

    /// Applies a change.
    public func update(_ change: (inout ExposureIndex) -> Void) {
        index.withLock { change(&$0) }
    }

    /// Loads every stored SBOM and VEX document.
    ///
    /// - Returns: how many SBOMs and VEX documents were loaded.
    @discardableResult
    public func load(from store: Store) async throws -> (sboms: Int, vex: Int) {
        let (sboms, vex) = try await store.read { repositories in
            (try await repositories.sboms.all(), try await repositories.sboms.allVEX())
        }
        update { index in
            for sbom in sboms { index.upsert(sbom) }
            for document in vex { index.upsert(document) }
        }
        return (sboms.count, vex.count)
    }
}
