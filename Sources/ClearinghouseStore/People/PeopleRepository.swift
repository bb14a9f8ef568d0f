public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var people: PeopleRepository { PeopleRepository(database: database) }
}

/// Reads and writes the people who sign in to the web interface.
public struct PeopleRepository: Sendable {
    let database: any SQLDatabase

    /// Stores a new person.
    public func insert(_ person: Person) async throws {
        try await database.insert(PersonRecord(person), into: PersonRecord.table)
    }

    /// The person with an id, if there is one.
    public func find(_ id: Person.ID) async throws -> Person? {
        try await database.select().columns(PersonRecord.columns.map { SQLColumn($0) })
            .from(PersonRecord.table).where("id", .equal, id.rawValue)
            .first().map { try $0.record(PersonRecord.self).person() }
    }

    /// The person with an address (normalized by ``Person/normalizedEmail(_:)``) and their organization.
    public func findForSignIn(email: String) async throws -> (person: Person, organization: Organization)? {
        let personColumns = PersonRecord.columns.map {
            SQLAlias(SQLColumn($0, table: "p"), as: SQLIdentifier("p_" + $0))
        }
        let organizationColumns = OrganizationRecord.columns.map {
            SQLAlias(SQLColumn($0, table: "o"), as: SQLIdentifier("o_" + $0))
        }
        guard
            let row = try await database.select().columns(personColumns + organizationColumns)
                .from(SQLAlias(SQLIdentifier(PersonRecord.table), as: SQLIdentifier("p")))
                .join(
                    SQLAlias(SQLIdentifier(OrganizationRecord.table), as: SQLIdentifier("o")),
                    on: SQLColumn("organization_id", table: "p"), .equal, SQLColumn("id", table: "o"))
                .where(SQLColumn("email", table: "p"), .equal, SQLBind(email))
                .first()
        else { return nil }
        return (
            try row.record(PersonRecord.self, prefix: "p_").person(),
            try row.record(OrganizationRecord.self, prefix: "o_").organization()
        )
    }

    /// Whether someone on the instance already has this address.
    public func exists(email: String) async throws -> Bool {
        try await database.select().column("id").from(PersonRecord.table).where("email", .equal, email).first() != nil
    }

    /// Up to `limit` people of an organization whose ids sort after `after`, in id (creation) order.
    public func list(of organization: Organization.ID, after: String?, limit: Int) async throws -> [Person] {
        var query = database.select().columns(PersonRecord.columns.map { SQLColumn($0) })
            .from(PersonRecord.table).where("organization_id", .equal, organization.rawValue)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map { try $0.record(PersonRecord.self).person() }
    }

    /// Writes what sign-in and enrolment change: the password hash, the second factor, the last code used, the
    /// failure count and the lockout.
    public func saveCredentials(of person: Person) async throws {
        let record = PersonRecord(person)
        try await database.update(PersonRecord.table)
            .set("password_hash", to: record.passwordHash)
            .set("second_factor", to: record.secondFactor)
            .set("last_code_step", to: record.lastCodeStep)
            .set("failed_sign_ins", to: record.failedSignIns)
            .set("locked_until", to: record.lockedUntil)
            .where("id", .equal, record.id)
            .run()
    }
}
