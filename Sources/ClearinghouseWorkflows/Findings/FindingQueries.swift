public import ClearinghouseCore
import ClearinghouseStore

/// What a requester may read of findings: its own organization's, and any finding of a case it may see.
public struct FindingQueries: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// The requester's organization's findings, oldest first.
    public func own(_ page: PageRequest, by requester: Requester) async throws -> Page<Finding> {
        let organization = try requester.member().organizationID
        let store = workflows.store
        return try await VisiblePageCollector<Finding>(
            policy: workflows.gate.policy, key: \.id.rawValue,
            visibility: { Visibility(label: .amberStrict, owner: $0.reporter) }
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.findings.list(reportedBy: organization, after: after, limit: limit) }
        }
    }

    /// A finding, for its reporter and those who may see its case.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func finding(_ id: Finding.ID, by requester: Requester) async throws -> Finding {
        _ = try requester.member()
        let found = try await workflows.store.read { repositories -> (Finding, Case)? in
            guard let finding = try await repositories.findings.find(id),
                let owner = try await repositories.cases.find(finding.caseID)
            else { return nil }
            return (finding, owner)
        }
        guard let (finding, owner) = found, workflows.gate.mayRead(finding.visibility(in: owner), by: requester)
        else { throw ClearinghouseError.notFound("finding") }
        return finding
    }
}
