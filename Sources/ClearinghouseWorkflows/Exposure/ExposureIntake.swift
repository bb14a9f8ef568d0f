public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// SBOM and VEX intake: a document is stored as received with its audit event and its place in the change feed,
/// and this node's exposure catalog follows at once (every other node within the follower's interval).
public struct ExposureIntake: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Checks that the requester may upload, replace or delete an organization's SBOMs, before a body is read.
    public func authorizeSBOMs(
        of organization: Organization.ID, _ attempt: AuditAction, target: AuditTarget?, by requester: Requester
    ) async throws {
        try await workflows.gate.authorizeMutation(
            .manageSBOMs(of: organization), auditing: attempt, target: target, by: requester)
    }

    /// Checks that the requester may publish or withdraw an organization's VEX documents.
    public func authorizeVEX(
        of organization: Organization.ID, _ attempt: AuditAction, target: AuditTarget?, by requester: Requester
    ) async throws {
        try await workflows.gate.authorizeMutation(
            .publishVEX(of: organization), auditing: attempt, target: target, by: requester)
    }

    /// Stores a new SBOM, or a new document for an existing one.
    ///
    /// - Returns: the SBOM as exposure reads it.
    public func save(_ sbom: SBOMRecord, document: StoredDocument, replacing: Bool, by requester: Requester)
        async throws -> ExposureIndex.Entry
    {
        let action: AuditAction = replacing ? .sbomReplace : .sbomUpload
        try await authorizeSBOMs(of: sbom.organization, action, target: replacing ? .sbom(sbom.id) : nil, by: requester)
        let event = requester.event(
            action, target: .sbom(sbom.id),
            detail: "\(sbom.asset): \(sbom.bill.format), \(sbom.bill.components.count) components",
            dependencies: workflows.dependencies)
        var stored = sbom
        stored.documentSHA256 = document.sha256
        // The entry this node's catalog takes as it is, rather than reading and parsing the document again.
        let entry = ExposureIndex.Entry(stored)
        try await workflows.commits.commit(event) { [stored] repositories in
            try await repositories.sboms.save(stored, document: document, replacing: replacing)
            return Recorded((), prepared: [entry])
        }
        return entry
    }

    /// Deletes an SBOM.
    public func delete(_ entry: ExposureIndex.Entry, by requester: Requester) async throws {
        try await authorizeSBOMs(of: entry.organization, .sbomDelete, target: .sbom(entry.id), by: requester)
        let event = requester.event(
            .sbomDelete, target: .sbom(entry.id), detail: entry.asset, dependencies: workflows.dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.sboms.delete(entry.id, at: event.occurredAt)
            return .nothing
        }
    }

    /// Stores a VEX document.
    public func publish(_ vex: VEXRecord, document: StoredDocument, by requester: Requester) async throws {
        try await authorizeVEX(of: vex.organization, .vexUpload, target: nil, by: requester)
        let event = requester.event(
            .vexUpload, target: .vex(vex.id),
            detail: "\(vex.document.format.rawValue), \(vex.document.statements.count) statements",
            dependencies: workflows.dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.sboms.insert(vex, document: document)
            return .nothing
        }
    }

    /// Withdraws a VEX document's statements.
    public func withdraw(_ vex: VEXRecord, by requester: Requester) async throws {
        try await authorizeVEX(of: vex.organization, .vexDelete, target: .vex(vex.id), by: requester)
        let event = requester.event(.vexDelete, target: .vex(vex.id), dependencies: workflows.dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.sboms.delete(vex.id, at: event.occurredAt)
            return .nothing
        }
    }
}
