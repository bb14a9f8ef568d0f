public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// SBOM and VEX intake: a document is stored as received with its audit event and its place in the change feed,
/// and this node's exposure catalog follows at once (every other node within the follower's interval).
public struct ExposureIntake: Sendable {
    let commits: CommitPath

    public init(commits: CommitPath) {
        self.commits = commits
    }

    /// Stores a new SBOM, or a new document for an existing one.
    ///
    /// - Returns: the SBOM as exposure reads it.
    public func save(
        _ sbom: SBOMRecord, document: Data, replacing: Bool, event: AuditEvent
    ) async throws -> ExposureIndex.Entry {
        try await commits.commit(event) { repositories in
            try await repositories.sboms.save(sbom, document: document, replacing: replacing)
            return Recorded((), changesCatalogs: true)
        }
        return ExposureIndex.Entry(sbom)
    }

    /// Deletes an SBOM.
    public func delete(_ id: SBOMRecord.ID, event: AuditEvent) async throws {
        try await commits.commit(event) { repositories in
            try await repositories.sboms.delete(id, at: event.occurredAt)
            return Recorded((), changesCatalogs: true)
        }
    }

    /// Stores a VEX document.
    public func publish(_ vex: VEXRecord, document: Data, event: AuditEvent) async throws {
        try await commits.commit(event) { repositories in
            try await repositories.sboms.insert(vex, document: document)
            return Recorded((), changesCatalogs: true)
        }
    }

    /// Withdraws a VEX document's statements.
    public func withdraw(_ id: VEXRecord.ID, event: AuditEvent) async throws {
        try await commits.commit(event) { repositories in
            try await repositories.sboms.delete(id, at: event.occurredAt)
            return Recorded((), changesCatalogs: true)
        }
    }
}
