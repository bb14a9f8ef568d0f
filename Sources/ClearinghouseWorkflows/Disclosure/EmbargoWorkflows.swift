public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// A validated case's embargo: the policy proposes a public date when the case is validated, those on the case
/// propose others and agree, coordinators end it early when the vulnerability is exploited. Each change commits
/// with its audit event, one transparency-log entry and an `embargo.changed` webhook to those on the case.
public struct EmbargoWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// A case's embargo, or `nil` before the case is validated. The caller has checked that the requester may see
    /// the case.
    public func embargo(of found: Case) async throws -> Embargo? {
        try await workflows.store.read { try await $0.disclosure.embargo(of: found.id) }
    }

    /// Checks that the requester may propose dates and agree to them, before a body is read.
    public func authorizeNegotiation(of found: Case, _ attempt: AuditAction, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .negotiateEmbargo(found), auditing: attempt, target: .case(found.id), by: requester)
    }

    /// Proposes another public date on the requester's organization's behalf; everyone is asked to agree again.
    ///
    /// - Throws: `forbidden`; `conflict` when the case has no embargo or it no longer holds; `invalid_field` as
    ///   ``Embargo/propose(_:by:reason:now:policy:)`` refuses the date or the reason.
    public func propose(
        _ date: PublicDate, reason: String?, on found: Case, by requester: Requester
    ) async throws
        -> Embargo
    {
        try await authorizeNegotiation(of: found, .embargoPropose, by: requester)
        let organization = try requester.member().organizationID
        let policy = workflows.settings.embargoPolicy
        return try await change(found, .embargoPropose, detail: date.description, by: requester) { embargo, now in
            try embargo.propose(date, by: organization, reason: reason, now: now, policy: policy)
        }
    }

    /// Agrees, for the requester's organization, to the date proposed.
    ///
    /// - Throws: `forbidden`; `conflict` when the case has no embargo, it no longer holds, or the organization
    ///   already agreed to this date.
    public func agree(on found: Case, by requester: Requester) async throws -> Embargo {
        try await authorizeNegotiation(of: found, .embargoAgree, by: requester)
        let organization = try requester.member().organizationID
        return try await change(found, .embargoAgree, detail: nil, by: requester) { embargo, now in
            try embargo.agree(by: organization, now: now)
        }
    }

    /// Checks that the requester may end embargoes early, before a body is read.
    public func authorizeEndingEarly(_ found: Case, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .endEmbargoEarly, auditing: .embargoEndEarly, target: .case(found.id), by: requester)
    }

    /// Ends an embargo now because the vulnerability is being exploited; the case may be published at once.
    ///
    /// - Throws: `forbidden` for all but coordinators; `conflict` when the case has no embargo or it no longer
    ///   holds; `invalid_field` for an empty `reason`.
    public func endEarly(reason: String, on found: Case, by requester: Requester) async throws -> Embargo {
        try await authorizeEndingEarly(found, by: requester)
        let organization = try requester.member().organizationID
        return try await change(found, .embargoEndEarly, detail: nil, by: requester) { embargo, now in
            try embargo.endEarly(by: organization, reason: reason, now: now)
        }
    }

    /// Applies one change to the embargo as it is stored, read again under a lock inside the transaction so that
    /// changes made at once apply one after the other, and logs each new change.
    private func change(
        _ found: Case, _ action: AuditAction, detail: String?, by requester: Requester,
        _ apply: @Sendable @escaping (inout Embargo, Date) throws -> Void
    ) async throws -> Embargo {
        let dependencies = workflows.dependencies
        let event = requester.event(action, target: .case(found.id), detail: detail, dependencies: dependencies)
        return try await workflows.commits.commit(event) { repositories in
            guard var embargo = try await repositories.disclosure.embargo(of: found.id, locking: true) else {
                throw Self.noEmbargo(found)
            }
            let known = embargo.changes.count
            try apply(&embargo, dependencies.now())
            try await repositories.disclosure.update(embargo, knownChanges: known)
            let changes = embargo.changes.dropFirst(known)
            let log = changes.map { LogEntryDraft.embargoChanged($0, of: found, dependencies: dependencies) }
            let notices = try await WebhookNotices.enqueue(
                changes.map { .embargoChanged($0, of: found) }, repositories: repositories, dependencies: dependencies)
            return Recorded(embargo, log: log, outbox: notices)
        }
    }

    private static func noEmbargo(_ found: Case) -> ClearinghouseError {
        ClearinghouseError(
            .conflict,
            "The case is `\(found.state.rawValue)`: it has no embargo until it is validated, when the policy proposes a public date.",
            field: "state")
    }

    /// Opens a case's embargo as it is validated, inside the transaction that validates it: the policy proposes a
    /// public date, sooner when one of the case's CVEs is in CISA's KEV catalog. A case that has an embargo keeps it.
    ///
    /// - Returns: the log entry of the policy's proposal, or `nil` when the case already has an embargo.
    static func open(
        for validated: Case, at date: Date, policy: EmbargoPolicy, repositories: Repositories,
        dependencies: Dependencies
    ) async throws -> LogEntryDraft? {
        guard try await repositories.disclosure.embargo(of: validated.id) == nil else { return nil }
        let aliases = try await repositories.cases.aliasesAndPackages(of: [validated.id])[validated.id]?.aliases ?? []
        let knownExploited = !(try await repositories.threatFeeds.knownExploited(aliases)).isEmpty
        let embargo = try Embargo(
            caseID: validated.id, validatedAt: date, knownExploited: knownExploited, policy: policy)
        try await repositories.disclosure.insert(embargo)
        return embargo.changes.first.map { .embargoChanged($0, of: validated, dependencies: dependencies) }
    }
}
