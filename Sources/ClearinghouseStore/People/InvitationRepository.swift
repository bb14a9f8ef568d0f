public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var invitations: InvitationRepository { InvitationRepository(database: database) }
}

/// Reads and writes invitations.
public struct InvitationRepository: Sendable {
    let database: any SQLDatabase

    /// Stores a new invitation.
    public func insert(_ invitation: Invitation) async throws {
        try await database.insert(InvitationRecord(invitation), into: InvitationRecord.table)
    }

    /// The invitation with a public prefix, if there is one.
    public func find(prefix: String) async throws -> Invitation? {
        try await database.select().columns(InvitationRecord.columns.map { SQLColumn($0) })
            .from(InvitationRecord.table).where("prefix", .equal, prefix)
            .first().map { try $0.record(InvitationRecord.self).invitation() }
    }

    /// Up to `limit` invitations of an organization whose ids sort after `after`, newest last.
    public func list(of organization: Organization.ID, after: String?, limit: Int) async throws -> [Invitation] {
        var query = database.select().columns(InvitationRecord.columns.map { SQLColumn($0) })
            .from(InvitationRecord.table).where("organization_id", .equal, organization.rawValue)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map {
            try $0.record(InvitationRecord.self).invitation()
        }
    }

    /// Withdraws the reset links of a person that are still open.
    public func revokeResets(of person: Person.ID, at date: Date) async throws {
        try await database.update(InvitationRecord.table)
            .set("revoked_at", to: Timestamp.microseconds(date))
            .where("person_id", .equal, person.rawValue).where("accepted_at", .is, SQLLiteral.null)
            .where("revoked_at", .is, SQLLiteral.null)
            .run()
    }

    /// Marks an invitation used.
    public func markAccepted(_ id: Invitation.ID, at date: Date) async throws {
        try await database.update(InvitationRecord.table)
            .set("accepted_at", to: Timestamp.microseconds(date))
            .where("id", .equal, id.rawValue).where("accepted_at", .is, SQLLiteral.null)
            .run()
    }
}
