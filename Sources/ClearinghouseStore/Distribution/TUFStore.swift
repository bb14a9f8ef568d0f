public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var tuf: TUFStore { TUFStore(database: database) }
}

/// The TUF repository's metadata, every version of each role, and its targets with their content.
public struct TUFStore: Sendable {
    let database: any SQLDatabase

    static let columns = ["role", "version", "body", "expires_at"]

    /// The newest version of a role's metadata.
    public func current(_ role: TUFRole) async throws -> TUFDocument? {
        try await database.select().columns(Self.columns).from("tuf_metadata").where("role", .equal, role.rawValue)
            .orderBy("version", .descending).limit(1).first().map(Self.document)
    }

    /// One version of a role's metadata.
    public func document(_ role: TUFRole, version: Int) async throws -> TUFDocument? {
        try await database.select().columns(Self.columns).from("tuf_metadata").where("role", .equal, role.rawValue)
            .where("version", .equal, version).first().map(Self.document)
    }

    /// Stores signed metadata; a version signed twice (two nodes at once) is a conflict.
    public func insert(_ documents: [TUFDocument], at date: Date) async throws {
        guard !documents.isEmpty else { return }
        let rows: [[any Encodable & Sendable]] = documents.map { document in
            [
                document.role.rawValue, document.version, document.text, Timestamp.microseconds(document.expires),
                Timestamp.microseconds(date),
            ]
        }
        try await database.insert(
            rows, into: "tuf_metadata", columns: ["role", "version", "body", "expires_at", "signed_at"])
    }

    /// Removes the versions of a role before `version`, which no client that has just read the newest timestamp
    /// asks for.
    public func prune(_ role: TUFRole, before version: Int) async throws {
        try await database.delete(from: "tuf_metadata").where("role", .equal, role.rawValue)
            .where("version", .lessThan, version).run()
    }

    /// Every target, advisories and patches, by path.
    public func targets() async throws -> [TUFTarget] {
        try await database.raw(
            """
            SELECT path, length, sha256 FROM tuf_targets
            UNION ALL SELECT path, length, sha256 FROM tuf_patch_targets
            ORDER BY path
            """
        ).all()
            .map { row in
                let stored = try StoredRow(row, table: "tuf_targets", idColumn: "path")
                return TUFTarget(
                    path: try stored.text("path"), length: try stored.value("length"), sha256: try stored.text("sha256")
                )
            }
    }

    /// A target's content, when the path and hash name one: an advisory's OSV document, or a patch's bytes.
    public func content(of path: String, sha256: String) async throws -> TUFTargetContent? {
        if let text = try await database.select().column("content").from("tuf_targets").where("path", .equal, path)
            .where("sha256", .equal, sha256).first()?.decode(column: "content", as: String.self)
        {
            return .document(text)
        }
        return try await database.raw(
            """
            SELECT a.content FROM tuf_patch_targets t JOIN artifacts a ON a.sha256 = t.sha256
            WHERE t.path = \(bind: path) AND t.sha256 = \(bind: sha256)
            """
        ).first().map { .patch(try $0.decode(column: "content", as: Data.self)) }
    }

    /// Adds the OSV document of a published advisory as a target.
    public func add(_ target: TUFTarget, content: String, advisory: AdvisoryID, at date: Date) async throws {
        let row: [any Encodable & Sendable] = [
            target.path, target.length, target.sha256, content, advisory.description, Timestamp.microseconds(date),
        ]
        try await database.insert(
            [row], into: "tuf_targets", columns: ["path", "length", "sha256", "content", "advisory_id", "added_at"])
    }

    /// Adds a patch of a published advisory's case as a target.
    public func add(_ patch: TUFPatch, at date: Date) async throws {
        let row: [any Encodable & Sendable] = [
            patch.target.path, patch.target.length, patch.target.sha256, patch.advisory.description,
            Timestamp.microseconds(date),
        ]
        try await database.insert(
            [row], into: "tuf_patch_targets", columns: ["path", "length", "sha256", "advisory_id", "added_at"])
    }

    /// The patches of published advisories' cases that are not targets yet, oldest advisory first. A fix names
    /// its patch `sha256:HEX`; an artifact is keyed by `HEX`.
    public func unlistedPatches(limit: Int) async throws -> [TUFPatch] {
        try await database.raw(
            """
            SELECT DISTINCT p.id, p.published_at, a.sha256, a.size FROM published_advisories p
            JOIN case_fixes f ON f.case_id = p.case_id
            JOIN artifacts a ON a.sha256 = SUBSTR(f.patch, 8)
            LEFT JOIN tuf_patch_targets t ON t.advisory_id = p.id AND t.sha256 = a.sha256
            WHERE t.path IS NULL
            ORDER BY p.published_at, p.id, a.sha256
            LIMIT \(bind: limit)
            """
        ).all().map { row in
            let stored = try StoredRow(row, table: "published_advisories")
            guard let advisory = try? AdvisoryID(parsing: stored.id),
                let digest = ArtifactDigest(try stored.text("sha256"))
            else {
                throw StoreCorruption(
                    table: "case_fixes", id: stored.id, problem: "a patch or advisory id is unreadable")
            }
            return TUFPatch(advisory: advisory, digest: digest, length: try stored.value("size"))
        }
    }

    /// Published advisories that are not targets yet, oldest first.
    public func unlistedAdvisories(limit: Int) async throws -> [AdvisoryDraft] {
        try await database.raw(
            """
            SELECT p.id, p.draft FROM published_advisories p
            LEFT JOIN tuf_targets t ON t.advisory_id = p.id
            WHERE t.advisory_id IS NULL
            ORDER BY p.published_at, p.id
            LIMIT \(bind: limit)
            """
        ).all().map { row in
            try StoredRow(row, table: "published_advisories").json(
                "draft", as: AdvisoryDraft.self, what: "advisory draft")
        }
    }

    private static func document(_ row: any SQLRow) throws -> TUFDocument {
        let stored = try StoredRow(row, table: "tuf_metadata", idColumn: "role")
        return TUFDocument(
            role: try stored.enumeration("role"), version: try stored.value("version"),
            expires: try stored.date("expires_at"), text: try stored.text("body"))
    }
}
