public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var advisories: AdvisoryRepository { AdvisoryRepository(database: database) }
}

/// Reads and writes advisories.
public struct AdvisoryRepository: Sendable {
    let database: any SQLDatabase

    /// The stored `modified` time of each of the advisories that exist among `ids`.
    public func modifiedTimes(of ids: [Advisory.ID]) async throws -> [Advisory.ID: Date] {
        guard !ids.isEmpty else { return [:] }
        var times: [Advisory.ID: Date] = [:]
        for chunk in ids.inListChunks() {
            let rows = try await database.select().columns("id", "modified").from(AdvisoryRecord.table)
                .where("id", .in, chunk.map(\.rawValue)).all()
            for row in rows {
                times[Advisory.ID(rawValue: try row.decode(column: "id", as: String.self))] = Timestamp.date(
                    try row.decode(column: "modified", as: Int64.self))
            }
        }
        return times
    }

    /// Stores an advisory that is new, with its aliases.
    public func insert(_ advisory: Advisory, at date: Date) async throws {
        try await database.insert(
            try AdvisoryRecord(advisory, createdAt: date, updatedAt: date), into: AdvisoryRecord.table)
        try await insertAliases(of: advisory)
    }

    /// Replaces a stored advisory, keeping when it was first stored.
    public func replace(_ advisory: Advisory, at date: Date) async throws {
        let record = try AdvisoryRecord(advisory, createdAt: date, updatedAt: date)
        try await database.update(AdvisoryRecord.table)
            .set("modified", to: record.modified)
            .set("withdrawn", to: record.withdrawn)
            .set("is_published", to: record.isPublished)
            .set("label", to: record.label)
            .set("owner_organization_id", to: record.ownerOrganizationId)
            .set("participants", to: record.participants)
            .set("document", to: record.document)
            .set("updated_at", to: record.updatedAt)
            .where("id", .equal, record.id)
            .run()
        try await database.delete(from: "advisory_aliases").where("advisory_id", .equal, record.id).run()
        try await insertAliases(of: advisory)
    }

    private func insertAliases(of advisory: Advisory) async throws {
        let aliases = Set(advisory.record.aliases).sorted()
        guard !aliases.isEmpty else { return }
        var insert = database.insert(into: "advisory_aliases").columns("advisory_id", "alias")
        for alias in aliases {
            insert = insert.values(SQLBind(advisory.id.rawValue), SQLBind(alias))
        }
        try await insert.run()
    }

    /// The advisory with an id, if there is one.
    public func find(_ id: Advisory.ID) async throws -> Advisory? {
        try await database.select().columns(AdvisoryRecord.columns.map { SQLColumn($0) })
            .from(AdvisoryRecord.table).where("id", .equal, id.rawValue).first()
            .map { try $0.record(AdvisoryRecord.self).advisory() }
    }

    /// The advisories among `ids` that exist.
    public func find(_ ids: [Advisory.ID]) async throws -> [Advisory] {
        var found: [Advisory] = []
        for chunk in ids.inListChunks() {
            found += try await database.select().columns(AdvisoryRecord.columns.map { SQLColumn($0) })
                .from(AdvisoryRecord.table).where("id", .in, chunk.map(\.rawValue)).all()
                .map { try $0.record(AdvisoryRecord.self).advisory() }
        }
        return found
    }

    /// The stored documents of advisories, as JSON, in the order of `ids` (missing ones left out).
    public func documents(_ ids: [Advisory.ID]) async throws -> [(Advisory.ID, Data)] {
        var documents: [Advisory.ID: Data] = [:]
        for chunk in ids.inListChunks() {
            for row in try await database.select().columns("id", "document").from(AdvisoryRecord.table)
                .where("id", .in, chunk.map(\.rawValue)).all()
            {
                documents[Advisory.ID(rawValue: try row.decode(column: "id", as: String.self))] = Data(
                    try row.decode(column: "document", as: String.self).utf8)
            }
        }
        return ids.compactMap { id in documents[id].map { (id, $0) } }
    }

    /// A position in the order of stored changes: when an advisory was last stored, and its id.
    public struct ChangeCursor: Sendable, Hashable {
        /// Microseconds since the Unix epoch.
        public let updatedAt: Int64
        public let id: Advisory.ID

        public init(updatedAt: Int64, id: Advisory.ID) {
            self.updatedAt = updatedAt
            self.id = id
        }
    }

    /// Up to `limit` advisories stored after a position, in the order they were last stored: for building the
    /// index, and for following changes other processes make.
    public func changes(after cursor: ChangeCursor?, limit: Int) async throws -> [(Advisory, ChangeCursor)] {
        var query = database.select().columns(AdvisoryRecord.columns.map { SQLColumn($0) })
            .from(AdvisoryRecord.table)
        if let cursor {
            query = query.where { group in
                group.where("updated_at", .greaterThan, cursor.updatedAt).orWhere { same in
                    same.where("updated_at", .equal, cursor.updatedAt).where("id", .greaterThan, cursor.id.rawValue)
                }
            }
        }
        return try await query.orderBy("updated_at").orderBy("id").limit(limit).all().map { row in
            let record = try row.record(AdvisoryRecord.self)
            return (try record.advisory(), ChangeCursor(updatedAt: record.updatedAt, id: .init(rawValue: record.id)))
        }
    }

    /// The ids of the advisories that list an alias (a CVE or GHSA id), or are that id.
    public func ids(aliasing alias: String) async throws -> [Advisory.ID] {
        try await database.select().column("advisory_id").from("advisory_aliases").where("alias", .equal, alias)
            .orderBy("advisory_id").all()
            .map { Advisory.ID(rawValue: try $0.decode(column: "advisory_id", as: String.self)) }
    }
}
