public import ClearinghouseCore
import ClearinghouseStore

/// What a requester may read of SBOMs, VEX documents and exposure, from this node's catalogs: its organization's
/// SBOMs and what affects them, and for coordinators whom an advisory affects.
public struct ExposureQueries: Sendable {
    let workflows: Workflows
    let advisories: AdvisoryCatalog
    let exposure: ExposureCatalog

    public init(_ workflows: Workflows, advisories: AdvisoryCatalog, exposure: ExposureCatalog) {
        self.workflows = workflows
        self.advisories = advisories
        self.exposure = exposure
    }

    /// The SBOMs the requester may see (its organization's; every one for coordinators).
    public func sboms(_ page: PageRequest, by requester: Requester) async throws -> Page<ExposureIndex.Entry> {
        _ = try requester.member()
        return try await VisiblePageCollector<ExposureIndex.Entry>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party, from: exposure.snapshot.allEntries)
    }

    /// An SBOM the requester may see.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func sbom(_ id: SBOMRecord.ID?, by requester: Requester) throws -> ExposureIndex.Entry {
        guard let id, let entry = exposure.snapshot.entry(id), workflows.gate.mayRead(entry.visibility, by: requester)
        else { throw ClearinghouseError.notFound("sbom") }
        return entry
    }

    /// The VEX documents the requester may see.
    public func vexDocuments(_ page: PageRequest, by requester: Requester) async throws -> Page<VEXRecord> {
        _ = try requester.member()
        return try await VisiblePageCollector<VEXRecord>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party, from: exposure.snapshot.allVEX)
    }

    /// A VEX document the requester may see.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func vexDocument(_ id: VEXRecord.ID?, by requester: Requester) throws -> VEXRecord {
        guard let id, let record = exposure.snapshot.vex(id), workflows.gate.mayRead(record.visibility, by: requester)
        else { throw ClearinghouseError.notFound("vex document") }
        return record
    }

    /// The requester's organization's exposure: its SBOMs (or one of them), and the findings of the advisories it
    /// may see against their components.
    public struct OrganizationExposure: Sendable {
        public let organization: Organization.ID
        public let entries: [ExposureIndex.Entry]
        public let findings: [ExposureFinding]
    }

    /// What affects the requester's organization.
    ///
    /// - Parameter sbom: one SBOM of the organization only; `not_found` when it is not one.
    public func organizationExposure(only sbom: SBOMRecord.ID?, by requester: Requester) throws
        -> OrganizationExposure
    {
        let member = try requester.member()
        let index = exposure.snapshot
        if let sbom {
            guard let entry = index.entry(sbom), entry.organization == member.organizationID,
                workflows.gate.mayRead(entry.visibility, by: requester)
            else { throw ClearinghouseError.notFound("sbom") }
        }
        let entries = index.entries(of: member.organizationID).filter { entry in sbom.map { entry.id == $0 } ?? true }
        let findings = index.findings(
            for: member.organizationID, sbom: sbom, advisories: advisories.snapshot, visibleTo: requester.party,
            policy: workflows.gate.policy)
        return OrganizationExposure(organization: member.organizationID, entries: entries, findings: findings)
    }

    /// Whom an advisory affects, for coordinators: the findings against every SBOM they may see, and the
    /// organizations that hold them.
    ///
    /// - Throws: `forbidden` for others; `not_found` for an advisory the requester may not see.
    public func advisoryExposure(_ id: Advisory.ID, by requester: Requester) async throws
        -> (findings: [ExposureFinding], organizations: [Organization.ID: Organization])
    {
        _ = try requester.member()
        try await workflows.gate.authorize(.readAdvisoryExposure, by: requester)
        let index = advisories.snapshot
        guard let summary = index.summary(of: id), workflows.gate.mayRead(summary.visibility, by: requester) else {
            throw ClearinghouseError.notFound("advisory")
        }
        let findings = exposure.snapshot.findings(affectedBy: id, advisories: index).filter {
            workflows.gate.mayRead(SBOMRecord.visibility(of: $0.organization), by: requester)
        }
        let ids = Set(findings.map(\.organization))
        let organizations = try await workflows.store.read { try await $0.organizations.find(ids) }
        return (findings, organizations)
    }
}
