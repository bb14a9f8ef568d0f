public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Threshold policies: a designation authority's admins pre-register one, and its canonical text's SHA-256 goes
/// into the transparency log in a public entry in the same commit; every verified member may read them. A
/// registered policy is never edited: an attempt is refused with `conflict` and recorded.
public struct ThresholdPolicyWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Pre-registers a policy document.
    ///
    /// - Throws: `invalid_field` (`policy`) for a document that is not a valid policy; `conflict` when its name
    ///   and version are registered already.
    public func register(_ document: Data, by requester: Requester) async throws -> RegisteredThresholdPolicy {
        let member = try requester.member()
        let isAuthority = try await DesignationAuthorityWorkflows.holdsRole(member.organizationID, in: workflows)
        try await workflows.gate.authorizeMutation(
            .registerThresholdPolicy(isAuthority: isAuthority), auditing: .thresholdPolicyRegister, target: nil,
            by: requester)
        let dependencies = workflows.dependencies
        let registered = try RegisteredThresholdPolicy(
            registering: document, id: dependencies.makeID(), by: member.organizationID, now: dependencies.now())
        let policy = registered.policy
        let event = requester.event(
            .thresholdPolicyRegister, target: .thresholdPolicy(registered.id),
            detail: "\(policy.name) v\(policy.version) sha256:\(registered.digest)", dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            if try await repositories.thresholdPolicies.find(name: policy.name, version: policy.version) != nil {
                throw ClearinghouseError(
                    .conflict,
                    "\(policy.name) version \(policy.version) is pre-registered already, and a registered policy never changes; register version \(policy.version + 1).",
                    field: "version")
            }
            try await repositories.thresholdPolicies.insert(registered)
            return Recorded((), log: [.thresholdPolicyRegistered(registered)])
        }
        return registered
    }

    /// A policy, when the requester may see it (every verified member).
    ///
    /// - Throws: `not_found` otherwise.
    public func policy(
        _ id: RegisteredThresholdPolicy.ID, by requester: Requester
    ) async throws
        -> RegisteredThresholdPolicy
    {
        let found = try await workflows.store.read { try await $0.thresholdPolicies.find(id) }
        guard let found, workflows.gate.mayRead(found.visibility, by: requester) else {
            throw ClearinghouseError.notFound("threshold policy")
        }
        return found
    }

    public func policies(_ page: PageRequest, by requester: Requester) async throws -> Page<RegisteredThresholdPolicy> {
        _ = try requester.member()
        let store = workflows.store
        return try await VisiblePageCollector<RegisteredThresholdPolicy>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.thresholdPolicies.list(after: after, limit: limit) }
        }
    }

    /// Refuses to change a pre-registered policy, and records the attempt (`threshold_policy.edit`, denied).
    ///
    /// - Throws: `not_found` for a policy the requester cannot see; otherwise always `conflict`.
    public func refuseEdit(_ id: RegisteredThresholdPolicy.ID, by requester: Requester) async throws -> Never {
        let found = try await policy(id, by: requester)
        try await workflows.store.record(
            requester.event(
                .thresholdPolicyEdit, target: .thresholdPolicy(id), outcome: .denied,
                detail: "pre-registered sha256:\(found.digest)", dependencies: workflows.dependencies))
        throw ClearinghouseError(
            .conflict,
            "\(found.policy.name) version \(found.policy.version) was pre-registered (sha256 \(found.digest)) and never changes; register version \(found.policy.version + 1) instead."
        )
    }
}
