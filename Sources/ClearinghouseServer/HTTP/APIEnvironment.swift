import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Hummingbird

/// What the controllers share: the workflows they call (which hold the one access policy), the store and the clock
/// for what is still read directly (tiles, feed status), the configuration, and the caches of this node.
struct APIEnvironment: Sendable {
    let store: Store
    let dependencies: Dependencies
    let configuration: ServerConfiguration
    /// Authentication's cache of token records, which changes to tokens and organizations must clear.
    let tokenCache: TokenCache
    /// Signs checkpoints once enough log entries were committed.
    let checkpointer: LogCheckpointer
    /// How changes are committed with what they must leave behind.
    let commits: CommitPath
    /// The workflows the controllers call.
    let workflows: Workflows
    /// This node's catalogs, and their follower (where they stand in the change feed).
    let catalogs: NodeCatalogs
    /// Serves inclusion proofs that requests ask for together with one read.
    let proofs: InclusionProofBatcher
    /// The files this node imports in the background for the web interface.
    let imports: ImportQueue

    /// The transparency log's reads.
    var log: LogQueries { LogQueries(workflows, checkpointer: checkpointer, proofs: proofs) }

    /// Who makes a request, as workflows know it.
    func requester(_ context: AppRequestContext) -> Requester {
        .api(context.party, requestID: context.requestID)
    }

    /// The organization named by the `id` path parameter, when the caller may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    func visibleOrganization(_ context: AppRequestContext) async throws -> Organization {
        let id: Organization.ID = try context.parameters.identifier("id", of: "organization")
        return try await OrganizationWorkflows(workflows).visibleOrganization(id, by: requester(context))
    }

    /// Revokes a token, and forgets it from this node's token cache at once (other nodes' entries lapse with their
    /// time to live), whether the API or a page asked.
    func revokeToken(_ id: APIToken.ID, by requester: Requester) async throws {
        if try await OrganizationWorkflows(workflows).revokeToken(id, by: requester) {
            tokenCache.forget(token: id)
        }
    }

    /// The case named by the `id` path parameter, when the caller may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    func visibleCase(_ context: AppRequestContext) async throws -> Case {
        _ = try context.requireMember()
        return try await workflows.gate.visibleCase(
            try context.parameters.identifier("id", of: "case"), by: requester(context))
    }

    /// Asks the policy whether the caller may perform a mutation; records a refusal in the audit trail.
    ///
    /// - Throws: `unauthenticated` for anonymous callers, `forbidden` (after recording a `denied` audit event)
    ///   for members whose organization or role does not allow the action.
    func authorizeMutation(
        _ action: Action, auditing attempt: AuditAction, target: AuditTarget?, context: AppRequestContext
    ) async throws {
        try await workflows.gate.authorizeMutation(action, auditing: attempt, target: target, by: requester(context))
    }

    /// Asks the policy whether the caller may perform an action that changes nothing.
    func authorize(_ action: Action, context: AppRequestContext) async throws {
        try await workflows.gate.authorize(action, by: requester(context))
    }
}

extension Parameters {
    /// A path parameter, percent-decoded: clients encode characters such as the colon of `sha256:…` in a segment.
    func decoded(_ name: String) -> String? {
        get(name).map { $0.removingPercentEncoding ?? $0 }
    }

    /// Reads an identifier from the path; a malformed one names no record, so it is answered like a missing one.
    func identifier<Entity>(_ name: String, of kind: String) throws -> Identifier<Entity> {
        guard let text = decoded(name), let id = Identifier<Entity>(text) else {
            throw ClearinghouseError.notFound(kind)
        }
        return id
    }
}
