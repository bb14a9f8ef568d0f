public import ClearinghouseCore
public import ClearinghouseStore
import Synchronization

/// The in-memory index of SBOM components and VEX statements behind exposure and priorities.
public final class ExposureCatalog: Catalog {
    private let index = Mutex(ExposureIndex())

    public init() {}

    public let name = "exposure"
    public let topics: Set<ChangeTopic> = [.sbom, .vex]
    public var count: Int { index.withLock { $0.count } }

    /// A consistent snapshot.
    public var snapshot: ExposureIndex {
        index.withLock { $0 }
    }

    public func load(from repositories: Repositories) async throws {
        let sboms = try await repositories.sboms.all()
        let vex = try await repositories.sboms.allVEX()
        var loaded = ExposureIndex()
        for sbom in sboms { loaded.upsert(sbom) }
        for document in vex { loaded.upsert(document) }
        index.withLock { $0 = loaded }
    }

    public func apply(
        _ changed: [ChangeTopic: [String]], prepared: [any PreparedRecord], from repositories: Repositories
    ) async throws {
        let sbomIDs = Set(changed[.sbom] ?? []).compactMap { SBOMRecord.ID($0) }
        let vexIDs = Set(changed[.vex] ?? []).compactMap { VEXRecord.ID($0) }
        let current = try await Self.stillStored(prepared.compactMap { $0 as? ExposureIndex.Entry }, in: repositories)
        let sboms = try await repositories.sboms.find(sbomIDs.filter { current[$0] == nil })
        let vex = try await repositories.sboms.findVEX(vexIDs)
        let presentSBOMs = Set(sboms.map(\.id)).union(current.keys)
        let presentVEX = Set(vex.map(\.id))
        index.withLock { index in
            for entry in current.values { index.upsert(entry) }
            for sbom in sboms { index.upsert(sbom) }
            for id in sbomIDs where !presentSBOMs.contains(id) { index.remove(sbom: id) }
            for document in vex { index.upsert(document) }
            for id in vexIDs where !presentVEX.contains(id) { index.remove(vex: id) }
        }
    }

    /// The prepared entries whose version is still the one stored: the node that stored them need not read and
    /// parse their documents again.
    private static func stillStored(_ prepared: [ExposureIndex.Entry], in repositories: Repositories) async throws
        -> [SBOMRecord.ID: ExposureIndex.Entry]
    {
        guard !prepared.isEmpty else { return [:] }
        let stored = try await repositories.sboms.versions(of: prepared.map(\.id))
        var current: [SBOMRecord.ID: ExposureIndex.Entry] = [:]
        for entry in prepared where entry.version != nil && entry.version == stored[entry.id] {
            current[entry.id] = entry
        }
        return current
    }
}

extension ExposureIndex.Entry: PreparedRecord {}
