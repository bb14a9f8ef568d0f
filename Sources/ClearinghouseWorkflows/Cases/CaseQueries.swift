public import ClearinghouseCore
import ClearinghouseStore
public import TLP

/// What a requester may read of cases: the list, one case with its history and validation jobs, its findings and
/// its messages. Every record passes the access policy; the API and the pages read through here alike.
public struct CaseQueries: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// The cases the requester may see, oldest first; only those in `states` and with `labels` when these are not
    /// empty.
    public func list(
        _ page: PageRequest, states: Set<CaseState> = [], labels: Set<TLPLabel> = [], by requester: Requester
    ) async throws -> Page<Case> {
        _ = try requester.member()
        let store = workflows.store
        let scope = workflows.gate.policy.scope(for: requester.party)
        return try await VisiblePageCollector<Case>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read {
                try await $0.cases.list(after: after, limit: limit, within: scope, states: states, labels: labels)
            }
        }
    }

    /// A case with its number of findings, its history and its validation jobs.
    public struct Detail: Sendable {
        public let `case`: Case
        public let findingCount: Int
        public let transitions: [CaseTransition]
        public let jobs: [ValidationJob]
    }

    /// A case the requester may see, with what its page shows.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func detail(_ id: Case.ID, by requester: Requester) async throws -> Detail {
        _ = try requester.member()
        let found = try await workflows.gate.visibleCase(id, by: requester)
        return try await workflows.store.read { repositories in
            Detail(
                case: found, findingCount: try await repositories.cases.findingCount(of: found.id),
                transitions: try await repositories.cases.transitions(of: found.id),
                jobs: try await repositories.validation.jobs(ofCase: found.id))
        }
    }

    /// A case's findings that the requester may see, oldest first.
    public func findings(of found: Case, _ page: PageRequest, by requester: Requester) async throws -> Page<Finding> {
        let store = workflows.store
        return try await VisiblePageCollector<Finding>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: { $0.visibility(in: found) }
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.findings.list(inCase: found.id, after: after, limit: limit) }
        }
    }

    /// A case's messages, oldest first, for those who may see the case.
    public func messages(of found: Case, _ page: PageRequest, by requester: Requester) async throws
        -> Page<CaseMessage>
    {
        let store = workflows.store
        return try await VisiblePageCollector<CaseMessage>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: { _ in found.visibility }
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.cases.messages(of: found.id, after: after, limit: limit) }
        }
    }
}
