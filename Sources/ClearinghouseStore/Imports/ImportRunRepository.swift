public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var importRuns: ImportRunRepository { ImportRunRepository(database: database) }
}

/// Reads and writes the imports started from the web interface, and their progress.
public struct ImportRunRepository: Sendable {
    let database: any SQLDatabase

    static let table = "import_runs"
    static let columns = [
        "id", "kind", "filename", "byte_count", "organization_id", "person_id", "node", "state", "processed",
        "imported", "updated", "unchanged", "removed", "invalid_count", "invalid", "failure", "created_at",
        "updated_at", "finished_at",
    ]

    /// Records a new run.
    public func insert(_ run: ImportRun) async throws {
        try await database.insert([try Self.values(run)], into: Self.table, columns: Self.columns)
    }

    /// Stores a run's progress or its end.
    public func update(_ run: ImportRun) async throws {
        let values = try Self.values(run)
        var update = database.update(Self.table)
        for (column, value) in zip(Self.columns, values) where Self.progressColumns.contains(column) {
            update = update.set(SQLIdentifier(column), to: SQLBind(value))
        }
        try await update.where("id", .equal, run.id.rawValue).run()
    }

    private static let progressColumns: Set<String> = [
        "state", "processed", "imported", "updated", "unchanged", "removed", "invalid_count", "invalid", "failure",
        "updated_at", "finished_at",
    ]

    /// Marks every queued or running import of a node as still moving.
    public func touch(node: String, at date: Date) async throws {
        try await database.update(Self.table).set("updated_at", to: Timestamp.microseconds(date))
            .where("node", .equal, node)
            .where("state", .in, [ImportRun.State.queued.rawValue, ImportRun.State.running.rawValue]).run()
    }

    public func find(_ id: ImportRun.ID) async throws -> ImportRun? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.run)
    }

    /// An organization's runs, newest first, before a cursor (a run's id).
    public func list(of organization: Organization.ID, before: String?, limit: Int) async throws -> [ImportRun] {
        var query = database.select().columns(Self.columns).from(Self.table)
            .where("organization_id", .equal, organization.rawValue)
        if let before { query = query.where("id", .lessThan, before) }
        return try await query.orderBy("id", .descending).limit(limit).all().map(Self.run)
    }

    private static func values(_ run: ImportRun) throws -> [any Encodable & Sendable] {
        [
            run.id.rawValue, run.kind.rawValue, run.filename, run.byteCount, run.organization.rawValue,
            run.person?.rawValue, run.node, run.state.rawValue, run.processed, run.imported, run.updated,
            run.unchanged, run.removed, run.invalidCount,
            String(decoding: try JSONEncoder().encode(run.invalid), as: UTF8.self), run.failure,
            Timestamp.microseconds(run.createdAt), Timestamp.microseconds(run.updatedAt),
            run.finishedAt.map(Timestamp.microseconds),
        ]
    }

    private static func run(_ row: any SQLRow) throws -> ImportRun {
        let row = try StoredRow(row, table: table)
        return ImportRun(
            id: try row.identifier("id"), kind: try row.enumeration("kind"), filename: try row.text("filename"),
            byteCount: try row.value("byte_count"), organization: try row.identifier("organization_id"),
            person: try row.optionalIdentifier("person_id"), node: try row.text("node"),
            state: try row.enumeration("state"), processed: try row.value("processed"),
            imported: try row.value("imported"), updated: try row.value("updated"),
            unchanged: try row.value("unchanged"), removed: try row.value("removed"),
            invalid: try row.json("invalid", as: [AdvisoryImportSummary.DocumentReport].self, what: "invalid documents"),
            invalidCount: try row.value("invalid_count"), failure: try row.optionalText("failure"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            finishedAt: try row.optionalDate("finished_at"))
    }
}
