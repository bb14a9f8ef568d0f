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

    /// The person with an address (normalized by ``Person/normalizedEmail(_:)``) and their organization.
    public func findForSignIn(email: String) async throws -> (person: Person, organization: Organization)? {
        guard
            let row = try await database.select()
                .columns(aliasedColumns(PersonRecord.columns, of: "p") + aliasedColumns(OrganizationRecord.columns, of: "o"))
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

    /// An organization's people in the order they joined, after a cursor.
    public func list(of organization: Organization.ID, after: String?, limit: Int) async throws -> [Person] {
        var query = database.select().columns(PersonRecord.columns.map { SQLColumn($0) }).from(PersonRecord.table)
            .where("organization_id", .equal, organization.rawValue)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map { try $0.record(PersonRecord.self).person() }
    }

    /// People by id; ids that name nobody are left out.
    public func find(_ ids: Set<Person.ID>) async throws -> [Person.ID: Person] {
        var found: [Person.ID: Person] = [:]
        for chunk in ids.map(\.rawValue).sorted().inListChunks() {
            let rows = try await database.select().columns(PersonRecord.columns.map { SQLColumn($0) })
                .from(PersonRecord.table).where("id", .in, Array(chunk)).all()
            for row in rows {
                let person = try row.record(PersonRecord.self).person()
                found[person.id] = person
            }
        }
        return found
    }

    /// Marks a person disabled: they no longer sign in, and their sessions no longer open anything.
    public func disable(_ id: Person.ID, at date: Date) async throws {
        try await database.update(PersonRecord.table).set("disabled_at", to: Timestamp.microseconds(date))
            .where("id", .equal, id.rawValue).where("disabled_at", .is, SQLLiteral.null).run()
    }

    /// Whether someone on the instance already has this address.
    public func exists(email: String) async throws -> Bool {
        try await database.select().column("id").from(PersonRecord.table).where("email", .equal, email).first() != nil
    }

    /// Counts a failed sign-in in the row itself, so that concurrent failures on any node all count.
    ///
    /// - Returns: the failures in a row now.
    public func countFailedSignIn(of id: Person.ID) async throws -> Int {
        try await database.update(PersonRecord.table)
            .set(
                "failed_sign_ins",
                to: SQLBinaryExpression(left: SQLColumn("failed_sign_ins"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1")))
            .where("id", .equal, id.rawValue)
            .returning("failed_sign_ins")
            .first()?.decode(column: "failed_sign_ins", as: Int.self) ?? 0
    }

    /// Refuses sign-in, whatever the password, until a time.
    public func lock(_ id: Person.ID, until date: Date) async throws {
        try await database.update(PersonRecord.table)
            .set("locked_until", to: Timestamp.microseconds(date))
            .where("id", .equal, id.rawValue)
            .run()
    }

    /// Records a successful sign-in: failures and lockout cleared, the password hash as `person` has it, and the
    /// time step of the code used, but only if no sign-in has used that step or a later one (two sign-ins racing
    /// with one code: one wins).
    ///
    /// - Returns: whether the sign-in was recorded; `false` when its code's step was already used.
    public func recordSignIn(of person: Person, codeStep: UInt64?) async throws -> Bool {
        let record = PersonRecord(person)
        var update = database.update(PersonRecord.table)
            .set("password_hash", to: record.passwordHash)
            .set("failed_sign_ins", to: 0)
            .set("locked_until", to: SQLLiteral.null)
            .where("id", .equal, record.id)
        if let codeStep {
            let step = Int64(clamping: codeStep)
            update = update.set("last_code_step", to: step)
                .where { $0.where("last_code_step", .is, SQLLiteral.null).orWhere("last_code_step", .lessThan, step) }
        }
        return try await !update.returning("id").all().isEmpty
    }

    /// Takes away a person's password and second factor (and clears their failures and lockout): they cannot sign
    /// in until they choose a new password.
    public func resetCredentials(of id: Person.ID) async throws {
        try await database.update(PersonRecord.table)
            .set("password_hash", to: SQLLiteral.null).set("second_factor", to: SQLLiteral.null)
            .set("last_code_step", to: SQLLiteral.null).set("failed_sign_ins", to: 0)
            .set("locked_until", to: SQLLiteral.null)
            .where("id", .equal, id.rawValue).run()
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
