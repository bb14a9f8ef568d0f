public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var webSessions: WebSessionRepository { WebSessionRepository(database: database) }
}

/// What a presented session cookie leads to: the session, its person and their organization.
public struct SignedInSession: Sendable {
    public var session: WebSession
    public var person: Person
    public var organization: Organization
}

/// Reads and writes people's web sessions.
public struct WebSessionRepository: Sendable {
    let database: any SQLDatabase

    /// Stores a new session.
    public func insert(_ session: WebSession) async throws {
        try await database.insert(WebSessionRecord(session), into: WebSessionRecord.table)
    }

    /// The session with a public prefix, with its person and organization, in one query.
    public func findForAuthentication(prefix: String) async throws -> SignedInSession? {
        guard
            let row = try await database.select()
                .columns(
                    aliasedColumns(WebSessionRecord.columns, of: "s") + aliasedColumns(PersonRecord.columns, of: "p")
                        + aliasedColumns(OrganizationRecord.columns, of: "o"))
                .from(SQLAlias(SQLIdentifier(WebSessionRecord.table), as: SQLIdentifier("s")))
                .join(
                    SQLAlias(SQLIdentifier(PersonRecord.table), as: SQLIdentifier("p")),
                    on: SQLColumn("person_id", table: "s"), .equal, SQLColumn("id", table: "p"))
                .join(
                    SQLAlias(SQLIdentifier(OrganizationRecord.table), as: SQLIdentifier("o")),
                    on: SQLColumn("organization_id", table: "p"), .equal, SQLColumn("id", table: "o"))
                .where(SQLColumn("prefix", table: "s"), .equal, SQLBind(prefix))
                .first()
        else { return nil }
        return SignedInSession(
            session: try row.record(WebSessionRecord.self, prefix: "s_").session(),
            person: try row.record(PersonRecord.self, prefix: "p_").person(),
            organization: try row.record(OrganizationRecord.self, prefix: "o_").organization())
    }

    /// Records that a session served a request.
    public func touch(_ id: WebSession.ID, at date: Date) async throws {
        try await database.update(WebSessionRecord.table)
            .set("last_seen_at", to: Timestamp.microseconds(date))
            .where("id", .equal, id.rawValue)
            .run()
    }

    /// Keeps an authenticator secret shown to the person until they confirm it with a code.
    public func setPendingSecondFactor(_ totp: TOTP?, of id: WebSession.ID) async throws {
        try await database.update(WebSessionRecord.table)
            .set("pending_second_factor", to: totp?.encoded)
            .where("id", .equal, id.rawValue)
            .run()
    }

    /// Ends one session.
    public func end(_ id: WebSession.ID, at date: Date) async throws {
        try await database.update(WebSessionRecord.table)
            .set("ended_at", to: Timestamp.microseconds(date))
            .where("id", .equal, id.rawValue).where("ended_at", .is, SQLLiteral.null)
            .run()
    }

    /// Deletes the sessions that can no longer open anything: ended, or unused since `lastSeenBefore`, or started
    /// before `createdBefore`.
    ///
    /// - Returns: how many were deleted.
    public func prune(lastSeenBefore: Date, createdBefore: Date) async throws -> Int {
        let idle = Timestamp.microseconds(lastSeenBefore)
        let old = Timestamp.microseconds(createdBefore)
        // Deleted rows' ids come back, so the one statement says how many it removed.
        return try await database.delete(from: WebSessionRecord.table)
            .where("ended_at", .isNot, SQLLiteral.null).orWhere("last_seen_at", .lessThan, idle)
            .orWhere("created_at", .lessThan, old)
            .returning("id")
            .all().count
    }

    /// Ends every session of a person.
    public func endAll(of person: Person.ID, at date: Date) async throws {
        try await database.update(WebSessionRecord.table)
            .set("ended_at", to: Timestamp.microseconds(date))
            .where("person_id", .equal, person.rawValue).where("ended_at", .is, SQLLiteral.null)
            .run()
    }
}
