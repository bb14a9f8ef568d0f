public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var tokens: TokenRepository { TokenRepository(database: database) }
}

/// Reads and writes API tokens.
public struct TokenRepository: Sendable {
    let database: any SQLDatabase

    /// Stores a new token.
    public func insert(_ token: APIToken) async throws {
        try await database.insert(TokenRecord(token), into: TokenRecord.table)
    }

    /// The token with an id, if there is one.
    public func find(_ id: APIToken.ID) async throws -> APIToken? {
        try await database.select().columns(TokenRecord.columns.map { SQLColumn($0) })
            .from(TokenRecord.table)
            .where("id", .equal, id.rawValue)
            .first()
            .map { try $0.record(TokenRecord.self).token() }
    }

    /// The token with a public prefix and its organization, in one query: what authentication needs.
    public func findForAuthentication(prefix: String) async throws -> (token: APIToken, organization: Organization)? {
        guard
            let row = try await database.select()
                .columns(aliasedColumns(TokenRecord.columns, of: "t") + aliasedColumns(OrganizationRecord.columns, of: "o"))
                .from(SQLAlias(SQLIdentifier(TokenRecord.table), as: SQLIdentifier("t")))
                .join(
                    SQLAlias(SQLIdentifier(OrganizationRecord.table), as: SQLIdentifier("o")),
                    on: SQLColumn("organization_id", table: "t"), .equal, SQLColumn("id", table: "o")
                )
                .where(SQLColumn("prefix", table: "t"), .equal, SQLBind(prefix))
                .first()
        else { return nil }
        return (
            try row.record(TokenRecord.self, prefix: "t_").token(),
            try row.record(OrganizationRecord.self, prefix: "o_").organization()
        )
    }

    /// Up to `limit` tokens of an organization whose ids sort after `after`, in id (creation) order.
    public func list(of organization: Organization.ID, after: String?, limit: Int) async throws -> [APIToken] {
        var query = database.select().columns(TokenRecord.columns.map { SQLColumn($0) })
            .from(TokenRecord.table)
            .where("organization_id", .equal, organization.rawValue)
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        return try await query.orderBy("id").limit(limit).all().map { try $0.record(TokenRecord.self).token() }
    }

    /// Marks a token revoked, unless it already is.
    public func revoke(_ id: APIToken.ID, at date: Date) async throws {
        try await database.update(TokenRecord.table)
            .set("revoked_at", to: Timestamp.microseconds(date))
            .where("id", .equal, id.rawValue)
            .where("revoked_at", .is, SQLLiteral.null)
            .run()
    }

    /// Records that a token authenticated a request.
    public func recordUse(of id: APIToken.ID, at date: Date) async throws {
        try await database.update(TokenRecord.table)
            .set("last_used_at", to: Timestamp.microseconds(date))
            .where("id", .equal, id.rawValue)
            .run()
    }
}
