public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var scanLeases: ScanLeaseRepository { ScanLeaseRepository(database: database) }
}

/// Reads and writes scan leases, and takes the locks under which a claim is decided.
public struct ScanLeaseRepository: Sendable {
    let database: any SQLDatabase

    static let table = "scan_leases"
    static let columns = [
        "id", "organization_id", "bucket", "kind", "scope", "technique", "agent", "allows_overlap", "starts_at",
        "ends_at", "heartbeat_at", "state", "summary", "created_at", "finished_at", "grant_id",
    ]

    /// Locks what a claim on `buckets` could overlap until the transaction ends: on PostgreSQL the wide bucket
    /// shared and the claim's own exclusively, so that overlapping claims on any node take turns (SQLite's write
    /// transaction already excludes every other writer).
    public func lock(_ buckets: ScanBuckets) async throws {
        guard database.dialect.name != "sqlite" else { return }
        let keys = [buckets.wide, buckets.home].compactMap { $0 }
        for key in keys {
            try await database.insert(into: "scan_buckets").columns("key").values(SQLBind(key))
                .ignoringConflicts(with: ["key"]).run()
        }
        if let wide = buckets.wide {
            _ = try await database.select().column("key").from("scan_buckets").where("key", .equal, wide)
                .for(.share).all()
        }
        _ = try await database.select().column("key").from("scan_buckets").where("key", .equal, buckets.home)
            .for(.update).all()
    }

    /// Active leases a claim on `buckets` could overlap whose windows have not ended by `after`.
    public func active(near buckets: ScanBuckets, endingAfter after: Date) async throws -> [ScanLease] {
        try await near(buckets).where("state", .equal, ScanLease.State.active.rawValue)
            .where("ends_at", .greaterThan, Timestamp.microseconds(after)).all().map(Self.lease)
    }

    /// What a claim on `buckets` starting at `start` is decided against, in one query: the active leases whose
    /// windows have not ended by then, and the leases completed since `completedSince`. Every claim runs it, so it
    /// is written as text rather than built.
    public func around(_ buckets: ScanBuckets, startingAt start: Date, completedSince: Date) async throws
        -> (active: [ScanLease], completed: [ScanLease])
    {
        let (active, completed) = (ScanLease.State.active.rawValue, ScanLease.State.completed.rawValue)
        let (start, since) = (Timestamp.microseconds(start), Timestamp.microseconds(completedSince))
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columnList) FROM scan_leases WHERE "
        if let family = buckets.family {
            query += "bucket LIKE \(bind: family + "%")"
        } else {
            query += "bucket IN (\(binds: [buckets.home, buckets.wide].compactMap { $0 }))"
        }
        query += """
             AND ((state = \(bind: active) AND ends_at > \(bind: start)) \
            OR (state = \(bind: completed) AND finished_at > \(bind: since)))
            """
        let leases = try await database.raw(query).all().map(Self.lease)
        return (leases.filter { $0.state == .active }, leases.filter { $0.state == .completed })
    }

    private static let columnList = columns.map { "\"\($0)\"" }.joined(separator: ", ")

    /// The latest `limit` leases a scope on `buckets` could overlap whose windows end after `since`, in any state.
    public func recent(near buckets: ScanBuckets, since: Date, limit: Int) async throws -> [ScanLease] {
        try await near(buckets).where("ends_at", .greaterThan, Timestamp.microseconds(since))
            .orderBy("ends_at", .descending).limit(limit).all().map(Self.lease)
    }

    private func near(_ buckets: ScanBuckets) -> SQLSelectBuilder {
        let query = database.select().columns(Self.columns).from(Self.table)
        if let family = buckets.family {
            return query.where("bucket", .like, family + "%")
        }
        return query.where("bucket", .in, [buckets.home, buckets.wide].compactMap { $0 })
    }

    /// Leases by id; ids that name none are left out.
    public func find(_ ids: Set<ScanLease.ID>) async throws -> [ScanLease.ID: ScanLease] {
        var found: [ScanLease.ID: ScanLease] = [:]
        for chunk in ids.map(\.rawValue).sorted().inListChunks() {
            for lease in try await database.select().columns(Self.columns).from(Self.table)
                .where("id", .in, Array(chunk)).all().map(Self.lease)
            {
                found[lease.id] = lease
            }
        }
        return found
    }

    public func insert(_ lease: ScanLease) async throws {
        try await database.insert(row: try Self.values(lease), into: Self.insertStatement)
    }

    private static let insertStatement = InsertStatement(table: table, columns: columns)

    /// Writes what a lease's holder or the scheduler changed: its window's end, state, heartbeat and summary.
    public func update(_ lease: ScanLease) async throws {
        try await database.update(Self.table)
            .set("ends_at", to: SQLBind(Timestamp.microseconds(lease.claim.endsAt)))
            .set("heartbeat_at", to: SQLBind(Timestamp.microseconds(lease.heartbeatAt)))
            .set("state", to: SQLBind(lease.state.rawValue))
            .set("summary", to: SQLBind(try lease.summary.map(Self.json)))
            .set("finished_at", to: SQLBind(lease.finishedAt.map(Timestamp.microseconds)))
            .where("id", .equal, lease.id.rawValue)
            .run()
    }

    /// How many active leases an organization holds whose windows have not ended at `now`, counted up to `bound`
    /// (a claim only asks whether the organization reached its maximum, so no count reads more than that).
    public func countInForce(of organization: Organization.ID, at now: Date, upTo bound: Int) async throws -> Int {
        let rows = try await database.raw(
            """
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM scan_leases WHERE organization_id = \(bind: organization.rawValue)
            AND state = \(bind: ScanLease.State.active.rawValue) AND ends_at > \(bind: Timestamp.microseconds(now))
            LIMIT \(literal: max(bound, 0))) AS held
            """
        ).all()
        return try rows.first?.decode(column: "n", as: Int.self) ?? 0
    }

    /// An organization's leases, newest first, after the lease with id `before` (ids sort in time order).
    public func leases(of organization: Organization.ID, state: ScanLease.State?, before: String?, limit: Int)
        async throws -> [ScanLease]
    {
        var query = database.select().columns(Self.columns).from(Self.table)
            .where("organization_id", .equal, organization.rawValue)
        if let state {
            query = query.where("state", .equal, state.rawValue)
        }
        if let before {
            query = query.where("id", .lessThan, before)
        }
        return try await query.orderBy("id", .descending).limit(limit).all().map(Self.lease)
    }

    /// Active leases, oldest first after `after`, for the scheduler to lapse those that are due.
    public func active(after: String?, limit: Int) async throws -> [ScanLease] {
        var query = database.select().columns(Self.columns).from(Self.table)
            .where("state", .equal, ScanLease.State.active.rawValue)
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        return try await query.orderBy("id").limit(limit).all().map(Self.lease)
    }

    /// The active leases a grant authorized.
    public func active(under grant: ScanGrant.ID) async throws -> [ScanLease] {
        try await database.select().columns(Self.columns).from(Self.table).where("grant_id", .equal, grant.rawValue)
            .where("state", .equal, ScanLease.State.active.rawValue).all().map(Self.lease)
    }

    public func find(_ id: ScanLease.ID) async throws -> ScanLease? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.lease)
    }

    private static func values(_ lease: ScanLease) throws -> [any Encodable & Sendable] {
        let claim = lease.claim
        return [
            lease.id.rawValue, lease.holder.rawValue, ScanBuckets(claim.scope).home, claim.scope.kind.rawValue,
            try json(claim.scope.request), claim.technique.rawValue, try json(claim.agent), claim.allowsOverlap ? 1 : 0,
            Timestamp.microseconds(claim.startsAt), Timestamp.microseconds(claim.endsAt),
            Timestamp.microseconds(lease.heartbeatAt), lease.state.rawValue, try lease.summary.map(json),
            Timestamp.microseconds(lease.createdAt), lease.finishedAt.map(Timestamp.microseconds),
            lease.grant?.rawValue,
        ]
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func lease(_ row: any SQLRow) throws -> ScanLease {
        let row = try StoredRow(row, table: table)
        let id = try row.text("id")
        let scope: ScanScope
        do {
            scope = try ScanScope(stored: try row.json("scope", as: ScanScope.Request.self, what: "scan scope"))
        } catch {
            throw StoreCorruption(table: table, id: id, problem: "the stored scope no longer reads: \(error)")
        }
        let claim = ScanClaim(
            stored: scope, technique: try row.enumeration("technique"),
            agent: try row.json("agent", as: ScanProvenance.self, what: "scan agent"),
            startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"),
            allowsOverlap: try row.value("allows_overlap", as: Int.self) != 0)
        return ScanLease(
            id: try row.identifier("id"), holder: try row.identifier("organization_id"), claim: claim,
            grant: try row.optionalIdentifier("grant_id"), state: try row.enumeration("state"), heartbeatAt: try row.date("heartbeat_at"),
            summary: try row.optionalText("summary").map { _ in
                try row.json("summary", as: [String: Int].self, what: "scan summary")
            },
            createdAt: try row.date("created_at"), finishedAt: try row.optionalDate("finished_at"))
    }
}
