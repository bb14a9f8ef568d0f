public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// The cases an organization is on (a vendor asked to fix, an operator told it is affected), each with where the
/// organization stands on it: the status it gave, the fixes it recorded, its remediation deadline, the embargo's
/// date, and the advisory once published. What a vendor's coordination page lists.
public struct ParticipationQueries: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// One case and the requester's organization's place on it.
    public struct Entry: Sendable {
        public let `case`: Case
        public let embargo: Embargo?
        /// The status the organization gave; nil until it gives one.
        public let status: ParticipantStatus?
        /// How many fixes the organization recorded.
        public let fixes: Int
        /// When the organization owes its fix; nil when it owes none (it fixed the case, is not affected, is not a
        /// vendor, or the case is not awaiting fixes).
        public let deadline: RemediationDeadline?
        public let advisory: AdvisoryID?
    }

    /// The cases the requester's organization is on, in id order, each one the access policy lets it see.
    public func cases(
        _ page: PageRequest, states: Set<CaseState> = [], by requester: Requester
    ) async throws
        -> Page<Entry>
    {
        let organization = try requester.member().organizationID
        let store = workflows.store
        let scope = workflows.gate.policy.scope(for: requester.party)
        let found = try await VisiblePageCollector<Case>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read {
                try await $0.cases.list(
                    after: after, limit: limit, within: scope, participant: organization, states: states)
            }
        }
        let policy = workflows.settings.priorityPolicy
        let entries = try await store.read { repositories in
            let standings = try await RemediationReminders.standings(of: found.items, repositories: repositories)
            let deadlines = try await RemediationReminders.deadlines(
                of: found.items, standings: standings, policy: policy, repositories: repositories)
            var entries: [Entry] = []
            for item in found.items {
                let (statuses, fixes) = standings[item.id] ?? ([], [])
                entries.append(
                    Entry(
                        case: item, embargo: try await repositories.disclosure.embargo(of: item.id),
                        status: statuses.first { $0.organization == organization },
                        fixes: fixes.count { $0.organization == organization },
                        deadline: deadlines[item.id]?.first { $0.organization == organization },
                        advisory: try await repositories.publishedAdvisories.find(ofCase: item.id)?.id))
            }
            return entries
        }
        return Page(items: entries, nextCursor: found.nextCursor)
    }
}
