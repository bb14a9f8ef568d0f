public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Proof-of-vulnerability artifacts: stored once per content, named by SHA-256; each uploader is recorded, since
/// who uploaded an artifact is who may cite it and read it.
public struct ArtifactWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Checks that the requester may upload artifacts, before the body is read.
    public func authorizeUpload(by requester: Requester) async throws {
        try await workflows.gate.authorizeMutation(
            .submitFindings, auditing: .artifactUpload, target: nil, by: requester)
    }

    /// Stores an artifact's bytes for the requester's organization.
    ///
    /// - Returns: the artifact as stored, with the organization's own first upload time (never another's).
    /// - Throws: `quota_exceeded` when the organization's artifacts would pass its storage quota.
    public func upload(_ content: Data, mediaType: String, by requester: Requester) async throws -> Artifact {
        let member = try requester.member()
        try await authorizeUpload(by: requester)
        let dependencies = workflows.dependencies
        let digest = ArtifactDigest(of: content)
        let artifact = Artifact(
            digest: digest, size: content.count, mediaType: mediaType, createdAt: dependencies.now())
        let event = requester.event(
            .artifactUpload, target: .artifact(digest), detail: "\(content.count) bytes", dependencies: dependencies)
        // The same bytes uploaded at once by several requests race for one row; the loser finds it stored when it
        // tries again, as a later upload would.
        var attempt = 1
        while true {
            do {
                let quota = workflows.settings.artifactStorageQuota
        return try await workflows.commits.commit(event) { repositories in
                    let stored = try await repositories.artifacts.storage(of: member.organizationID)
                    let owned = try await repositories.artifacts.digests([digest], uploadedBy: member.organizationID)
                    if owned.isEmpty && stored + content.count > quota {
                        throw ClearinghouseError(
                            .quotaExceeded,
                            "Your organization's artifacts take \(stored) bytes of its \(quota); this one has \(content.count). Ask a coordinator for more room.")
                    }
                    return Recorded(
                        try await repositories.artifacts.save(artifact, content: content, uploadedBy: member.organizationID))
                }
            } catch let error as ClearinghouseError where error.code == .conflict && attempt < 3 {
                attempt += 1
            }
        }
    }
}

extension ArtifactWorkflows {
    /// Which of these artifacts the access policy lets the requester read.
    public func readable(_ digests: Set<ArtifactDigest>, by requester: Requester) async throws -> Set<ArtifactDigest> {
        let policy = workflows.gate.policy
        let party = requester.party
        return try await workflows.store.read { repositories in
            var readable: Set<ArtifactDigest> = []
            for digest in digests {
                if try await Self.may(party, read: digest, policy: policy, in: repositories) { readable.insert(digest) }
            }
            return readable
        }
    }

    /// An artifact and its bytes, when the access policy lets the requester read it
    /// (``AccessPolicy/readArtifact(uploadedBy:citedBy:by:)``).
    ///
    /// - Throws: `not_found` when it does not exist or the requester may not read it.
    public func download(_ digest: ArtifactDigest, by requester: Requester) async throws -> (Artifact, Data) {
        let policy = workflows.gate.policy
        let party = requester.party
        let found = try await workflows.store.read { repositories -> (Artifact, Data)? in
            guard try await Self.may(party, read: digest, policy: policy, in: repositories),
                let artifact = try await repositories.artifacts.find(digest),
                let content = try await repositories.artifacts.content(digest)
            else { return nil }
            return (artifact, content)
        }
        guard let found else { throw ClearinghouseError.notFound("artifact") }
        return found
    }

    /// Asks the policy about an artifact, given its uploaders and the findings that cite it, each in its case.
    private static func may(
        _ party: Party, read digest: ArtifactDigest, policy: AccessPolicy, in repositories: Repositories
    ) async throws -> Bool {
        let (uploaders, findings) = try await repositories.artifacts.readers(of: digest)
        let cases = try await repositories.cases.find(Set(findings.map(\.caseID)))
        let citing = findings.compactMap { finding in cases[finding.caseID].map(finding.visibility(in:)) }
        return policy.readArtifact(uploadedBy: uploaders, citedBy: citing, by: party).isGranted
    }
}
