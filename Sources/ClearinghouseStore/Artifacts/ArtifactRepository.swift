public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var artifacts: ArtifactRepository { ArtifactRepository(database: database) }
}

/// Stores proof artifacts once per content, remembers which organizations uploaded each, and which findings
/// cite it.
public struct ArtifactRepository: Sendable {
    let database: any SQLDatabase

    /// Stores an artifact's content unless it is stored already, and records that the organization uploaded it.
    ///
    /// - Returns: The artifact as stored (first stored time and media type when it existed).
    public func save(
        _ artifact: Artifact, content: Data, uploadedBy organization: Organization.ID
    ) async throws
        -> Artifact
    {
        let stored = try await find(artifact.digest)
        if stored == nil {
            try await database.insert(
                [
                    [
                        artifact.digest.hex, artifact.size, artifact.mediaType, content,
                        Timestamp.microseconds(artifact.createdAt),
                    ]
                ],
                into: "artifacts", columns: ["sha256", "size", "media_type", "content", "created_at"])
        }
        let owned =
            try await database.select().column("sha256").from("artifact_owners")
            .where("sha256", .equal, artifact.digest.hex).where("organization_id", .equal, organization.rawValue)
            .first() != nil
        if !owned {
            try await database.insert(
                [[artifact.digest.hex, organization.rawValue, Timestamp.microseconds(artifact.createdAt)]],
                into: "artifact_owners", columns: ["sha256", "organization_id", "uploaded_at"])
        }
        return stored ?? artifact
    }

    /// An artifact's description, without its content.
    public func find(_ digest: ArtifactDigest) async throws -> Artifact? {
        try await database.select().columns("size", "media_type", "created_at").from("artifacts")
            .where("sha256", .equal, digest.hex).first().map { row in
                Artifact(
                    digest: digest, size: try row.decode(column: "size", as: Int.self),
                    mediaType: try row.decode(column: "media_type", as: String.self),
                    createdAt: Timestamp.date(try row.decode(column: "created_at", as: Int64.self)))
            }
    }

    /// An artifact's content.
    public func content(_ digest: ArtifactDigest) async throws -> Data? {
        try await database.select().column("content").from("artifacts").where("sha256", .equal, digest.hex).first()
            .map { try $0.decode(column: "content", as: Data.self) }
    }

    /// Of these digests, those the organization uploaded.
    public func digests(
        _ digests: Set<ArtifactDigest>, uploadedBy organization: Organization.ID
    ) async throws
        -> Set<ArtifactDigest>
    {
        guard !digests.isEmpty else { return [] }
        let rows = try await database.select().column("sha256").from("artifact_owners")
            .where("organization_id", .equal, organization.rawValue)
            .where("sha256", .in, digests.map(\.hex)).all()
        return Set(try rows.compactMap { ArtifactDigest(try $0.decode(column: "sha256", as: String.self)) })
    }

    /// Who may read an artifact: the organizations that uploaded it, and the cases of the findings that cite it.
    public func readers(of digest: ArtifactDigest) async throws -> (uploaders: Set<Organization.ID>, cases: [Case.ID]) {
        let uploaders = try await database.select().column("organization_id").from("artifact_owners")
            .where("sha256", .equal, digest.hex).all().compactMap {
                Organization.ID(try $0.decode(column: "organization_id", as: String.self))
            }
        let cases = try await database.select().distinct().column(SQLColumn("case_id", table: "findings"))
            .from("finding_artifacts")
            .join(
                "findings", on: SQLColumn("id", table: "findings"), .equal,
                SQLColumn("finding_id", table: "finding_artifacts")
            )
            .where(SQLColumn("sha256", table: "finding_artifacts"), .equal, SQLBind(digest.hex)).all()
            .compactMap { Case.ID(try $0.decode(column: "case_id", as: String.self)) }
        return (Set(uploaders), cases)
    }
}
