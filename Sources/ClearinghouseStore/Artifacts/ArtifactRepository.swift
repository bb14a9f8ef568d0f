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
    /// - Returns: The artifact as stored (its media type when it existed), with the organization's own first upload
    ///   time.
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
        let ownUpload =
            try await database.select().column("uploaded_at").from("artifact_owners")
            .where("sha256", .equal, artifact.digest.hex).where("organization_id", .equal, organization.rawValue)
            .first().map { Timestamp.date(try $0.decode(column: "uploaded_at", as: Int64.self)) }
        if ownUpload == nil {
            try await database.insert(
                [[artifact.digest.hex, organization.rawValue, Timestamp.microseconds(artifact.createdAt)]],
                into: "artifact_owners", columns: ["sha256", "organization_id", "uploaded_at"])
        }
        // The organization's own first upload: when another organization uploaded the same bytes is not its to learn.
        var answer = stored ?? artifact
        answer.createdAt = ownUpload ?? artifact.createdAt
        return answer
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
    public func readers(of digest: ArtifactDigest) async throws -> (uploaders: Set<Organization.ID>, citing: [Finding]) {
        let uploaders = try await database.select().column("organization_id").from("artifact_owners")
            .where("sha256", .equal, digest.hex).all().compactMap {
                Organization.ID(try $0.decode(column: "organization_id", as: String.self))
            }
        let citing = try await database.select().columns(FindingRecord.columns.map { SQLColumn($0, table: FindingRecord.table) })
            .from("finding_artifacts")
            .join(
                FindingRecord.table, on: SQLColumn("id", table: FindingRecord.table), .equal,
                SQLColumn("finding_id", table: "finding_artifacts")
            )
            .where(SQLColumn("sha256", table: "finding_artifacts"), .equal, SQLBind(digest.hex)).all()
            .map(FindingRecord.finding)
        return (Set(uploaders), citing)
    }

    /// The bytes an organization's uploads take, each distinct artifact counted once.
    public func storage(of organization: Organization.ID) async throws -> Int {
        // PostgreSQL sums BIGINT as NUMERIC: cast back.
        try await database.raw(
            """
            SELECT CAST(COALESCE(SUM(a.size), 0) AS BIGINT) AS total
            FROM artifact_owners o JOIN artifacts a ON a.sha256 = o.sha256
            WHERE o.organization_id = \(bind: organization.rawValue)
            """
        ).first()?.decode(column: "total", as: Int.self) ?? 0
    }
}
