public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// The fixes of a case: a vendor on the case (or a coordinator) records the first fixed version of a package or
/// the commit that fixes a repository, with a patch it uploaded when there is one. Validators then check the fix
/// with a fix verification (``ValidationWorkflows/requestFixVerification(of:target:by:)``).
public struct CaseFixWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// A case's fixes, oldest first. The caller has checked that the requester may see the case.
    public func fixes(of found: Case) async throws -> [CaseFix] {
        try await workflows.store.read { try await $0.caseFixes.fixes(of: found.id) }
    }

    /// Checks that the requester may record fixes of the case, before the body is read.
    public func authorize(_ found: Case, by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .recordFix(found), auditing: .caseFix, target: .case(found.id), by: requester)
    }

    /// Records a fix.
    ///
    /// - Throws: `forbidden`; `invalid_field` as ``CaseFix`` refuses the fix, and for `patch` when it names no
    ///   artifact the requester's organization uploaded; `conflict` when the case is closed.
    public func record(
        _ target: FindingTarget, introduced: String?, patch: ArtifactDigest?, note: String?, on found: Case,
        by requester: Requester
    ) async throws -> CaseFix {
        try await authorize(found, by: requester)
        let member = try requester.member()
        let dependencies = workflows.dependencies
        let fix = try CaseFix(
            id: dependencies.makeID(), caseID: found.id, organization: member.organizationID, target: target,
            introduced: introduced, patch: patch, note: note, recordedAt: dependencies.now())
        if let patch {
            let owned = try await workflows.store.read {
                try await $0.artifacts.digests([patch], uploadedBy: member.organizationID)
            }
            guard owned.contains(patch) else {
                throw ClearinghouseError.invalidField(
                    "patch",
                    "`patch` names no artifact your organization uploaded; upload it with `POST /v1/artifacts`.")
            }
        }
        let event = requester.event(
            .caseFix, target: .case(found.id), detail: fix.target.text, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            guard let current = try await repositories.cases.find(found.id) else {
                throw ClearinghouseError.notFound("case")
            }
            guard !current.state.isClosed else {
                throw ClearinghouseError(.conflict, "The case is `\(current.state.rawValue)`; it takes no more fixes.")
            }
            try await repositories.caseFixes.insert(fix)
            return Recorded((), log: [.fixRecorded(fix, of: current, dependencies: dependencies)])
        }
        return fix
    }
}
