public import ClearinghouseCore
import ClearinghouseStore

/// What a requester may read of findings: its own organization's, and any finding of a case it may see.
public struct FindingQueries: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// The requester's organization's findings, oldest first, each under its own label (so RED ones not to reader
    /// tokens); each one's case only where the requester may see it.
    public func own(_ page: PageRequest, by requester: Requester) async throws -> Page<PlacedFinding> {
        let organization = try requester.member().organizationID
        let store = workflows.store
        let policy = workflows.gate.policy
        let found = try await VisiblePageCollector<Finding>(
            policy: policy, key: \.id.rawValue, visibility: { Visibility(label: $0.label, owner: $0.reporter) }
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.findings.list(reportedBy: organization, after: after, limit: limit) }
        }
        let cases = try await store.read { try await $0.cases.find(Set(found.items.map(\.caseID))) }
        return Page(
            items: PlacedFinding.place(found.items, cases: cases, for: requester.party, policy: policy),
            nextCursor: found.nextCursor)
    }

    /// A finding, for its reporter and those who may see its case.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func finding(_ id: Finding.ID, by requester: Requester) async throws -> PlacedFinding {
        _ = try requester.member()
        let found = try await workflows.store.read { repositories -> (Finding, Case)? in
            guard let finding = try await repositories.findings.find(id),
                let owner = try await repositories.cases.find(finding.caseID)
            else { return nil }
            return (finding, owner)
        }
        guard let (finding, owner) = found, workflows.gate.mayRead(finding.visibility(in: owner), by: requester)
        else { throw ClearinghouseError.notFound("finding") }
        return PlacedFinding(finding, locatable: workflows.gate.mayRead(owner.visibility, by: requester))
    }
}
