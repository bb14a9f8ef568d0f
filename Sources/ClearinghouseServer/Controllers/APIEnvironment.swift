import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Hummingbird

/// What the controllers share: the store, the clock and randomness, the access policy and the configuration.
struct APIEnvironment: Sendable {
    let store: Store
    let dependencies: Dependencies
    let policy: AccessPolicy
    let configuration: ServerConfiguration
    /// Authentication's cache of token records, which changes to tokens and organizations must clear.
    let tokenCache: TokenCache
    /// Signs checkpoints once enough log entries were committed.
    let checkpointer: LogCheckpointer
    /// How changes are committed with what they must leave behind.
    let commits: CommitPath
    /// This node's catalogs and where they stand in the change feed.
    let catalogs: CatalogFollower
    /// Serves inclusion proofs that requests ask for together with one read.
    let proofs: InclusionProofBatcher

    /// The latest signed checkpoint, which bounds every read of the log.
    func latestCheckpoint() async throws -> StoredCheckpoint {
        try await checkpointer.published.latest(from: store, now: dependencies.now())
    }

    /// An audit event for an attempt made in a request.
    func auditEvent(
        _ action: AuditAction, target: AuditTarget?, context: AppRequestContext, outcome: AuditOutcome = .success,
        detail: String? = nil
    ) -> AuditEvent {
        AuditEvent(
            id: dependencies.makeID(), occurredAt: dependencies.now(), actor: .api(context.party), action: action,
            target: target, requestID: context.requestID, outcome: outcome, detail: detail)
    }

    /// Commits a change with its audit event and the transparency log's entries, in one transaction.
    func write<T: Sendable>(
        _ event: AuditEvent, logging entries: [LogEntryDraft], _ body: @Sendable (Repositories) async throws -> T
    ) async throws -> T {
        try await write(event) { repositories in (try await body(repositories), entries) }
    }

    /// Commits a change with its audit event and the log entries that the change itself decides, in one
    /// transaction.
    func write<T: Sendable>(
        _ event: AuditEvent, _ body: @Sendable (Repositories) async throws -> (T, [LogEntryDraft])
    ) async throws -> T {
        try await commits.commit(event) { repositories in
            let (result, entries) = try await body(repositories)
            return Recorded(result, log: entries)
        }
    }

    /// The organization named by the `id` path parameter, when the caller may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    func visibleOrganization(_ context: AppRequestContext) async throws -> Organization {
        let id: Organization.ID = try context.parameters.identifier("id", of: "organization")
        let organization = try await store.read { try await $0.organizations.find(id) }
        guard let organization, policy.read(organization.visibility, by: context.party).isGranted else {
            throw ClearinghouseError.notFound("organization")
        }
        return organization
    }

    /// The case named by the `id` path parameter, when the caller may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    func visibleCase(_ context: AppRequestContext) async throws -> Case {
        _ = try context.requireMember()
        return try await visibleCase(try context.parameters.identifier("id", of: "case"), context: context)
    }

    /// A case, when the caller may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    func visibleCase(_ id: Case.ID, context: AppRequestContext) async throws -> Case {
        guard let found = try await store.read({ try await $0.cases.find(id) }),
            policy.read(found.visibility, by: context.party).isGranted
        else { throw ClearinghouseError.notFound("case") }
        return found
    }

    /// Asks the policy whether the caller may perform a mutation; records a refusal in the audit trail.
    ///
    /// - Throws: `unauthenticated` for anonymous callers, `forbidden` (after recording a `denied` audit event)
    ///   for members whose organization or role does not allow the action.
    func authorizeMutation(
        _ action: Action, auditing attempt: AuditAction, target: AuditTarget?, context: AppRequestContext
    ) async throws {
        try await authorize(action, context: context) { reason in
            try await store.record(
                auditEvent(attempt, target: target, context: context, outcome: .denied, detail: reason.rawValue))
        }
    }

    /// Asks the policy whether the caller may perform an action that changes nothing.
    func authorize(
        _ action: Action, context: AppRequestContext,
        onDenial: (AccessDecision.Denial) async throws -> Void = { _ in }
    ) async throws {
        switch policy.authorize(action, by: context.party) {
        case .granted:
            return
        case .denied(.authenticationRequired):
            throw ClearinghouseError.unauthenticated
        case .denied(let reason):
            try await onDenial(reason)
            throw ClearinghouseError(.forbidden, Self.explanation(of: reason, role: context.party.member?.role))
        }
    }

    private static func explanation(of denial: AccessDecision.Denial, role: TokenRole?) -> String {
        switch denial {
        case .coordinatorsOnly:
            "Only a verified coordinator organization may do this."
        case .insufficientRole:
            "Your token's role (`\(role?.rawValue ?? "none")`) does not allow this; use a token with a higher role."
        case .otherOrganization:
            "This concerns another organization; only its own admins or a coordinator may do it."
        case .validatorsOnly:
            "Only a validator organization may do this."
        case .unverifiedOrganization:
            "Your organization is not verified yet; a coordinator verifies organizations."
        default:
            "The access policy does not allow this (\(denial.rawValue))."
        }
    }
}

extension Parameters {
    /// Reads an identifier from the path; a malformed one names no record, so it is answered like a missing one.
    func identifier<Entity>(_ name: String, of kind: String) throws -> Identifier<Entity> {
        guard let text = get(name), let id = Identifier<Entity>(text) else {
            throw ClearinghouseError.notFound(kind)
        }
        return id
    }
}
