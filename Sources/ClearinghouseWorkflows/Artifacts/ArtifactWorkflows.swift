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
    /// - Returns: the artifact as stored (its first upload's time when it was stored before).
    public func upload(_ content: Data, mediaType: String, by requester: Requester) async throws -> Artifact {
        let member = try requester.member()
        try await authorizeUpload(by: requester)
        let dependencies = workflows.dependencies
        let digest = ArtifactDigest(of: content)
        let artifact = Artifact(
            digest: digest, size: content.count, mediaType: mediaType, createdAt: dependencies.now())
        let event = requester.event(
            .artifactUpload, target: .artifact(digest), detail: "\(content.count) bytes", dependencies: dependencies)
        return try await workflows.commits.commit(event) { repositories in
            Recorded(try await repositories.artifacts.save(artifact, content: content, uploadedBy: member.organizationID))
        }
    }
}
