public import ClearinghouseCore
import SQLKit

extension Repositories {
    public var audit: AuditRepository { AuditRepository(database: database) }
}

/// Appends to and reads the audit trail. There is no update and no delete; the schema refuses both.
public struct AuditRepository: Sendable {
    let database: any SQLDatabase

    /// Appends an event.
    public func append(_ event: AuditEvent) async throws {
        try await database.insert(row: AuditEventRecord(event).values, into: AuditEventRecord.insert)
    }

    /// Up to `limit` events that match a filter, newest first, older than the event id `before`.
    public func list(_ filter: AuditFilter, before: String?, limit: Int) async throws -> [AuditEvent] {
        var query = database.select().column("*").from(AuditEventRecord.table)
        if let before {
            query = query.where("id", .lessThan, before)
        }
        if let organization = filter.actorOrganization {
            query = query.where("actor_organization_id", .equal, organization.rawValue)
        }
        if let token = filter.actorToken {
            query = query.where("actor_token_id", .equal, token.rawValue)
        }
        if let target = filter.targetID {
            query = query.where("target_id", .equal, target)
        }
        if let action = filter.action {
            query = query.where("action", .equal, action.rawValue)
        }
        if let outcome = filter.outcome {
            query = query.where("outcome", .equal, outcome.rawValue)
        }
        if let since = filter.since {
            query = query.where("occurred_at", .greaterThanOrEqual, Timestamp.microseconds(since))
        }
        if let until = filter.until {
            query = query.where("occurred_at", .lessThan, Timestamp.microseconds(until))
        }
        return try await query.orderBy("id", .descending).limit(limit).all()
            .map { try $0.record(AuditEventRecord.self).event() }
    }
}
