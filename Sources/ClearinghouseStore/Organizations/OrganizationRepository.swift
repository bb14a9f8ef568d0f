public import ClearinghouseCore
import SQLKit

extension Repositories {
    public var organizations: OrganizationRepository { OrganizationRepository(database: database) }
}

/// Reads and writes organizations.
public struct OrganizationRepository: Sendable {
    let database: any SQLDatabase

    /// Stores a new organization.
    public func insert(_ organization: Organization) async throws {
        try await database.insert(try OrganizationRecord(organization), into: OrganizationRecord.table)
    }

    /// The organization with an id, if there is one.
    public func find(_ id: Organization.ID) async throws -> Organization? {
        try await database.select().columns(OrganizationRecord.columns.map { SQLColumn($0) })
            .from(OrganizationRecord.table)
            .where("id", .equal, id.rawValue)
            .first()
            .map { try $0.record(OrganizationRecord.self).organization() }
    }

    /// The organizations among `ids` that exist, in one read.
    public func find(_ ids: Set<Organization.ID>) async throws -> [Organization.ID: Organization] {
        guard !ids.isEmpty else { return [:] }
        var found: [Organization.ID: Organization] = [:]
        for chunk in ids.map(\.rawValue).sorted().inListChunks() {
            for row in try await database.select().columns(OrganizationRecord.columns.map { SQLColumn($0) })
                .from(OrganizationRecord.table).where("id", .in, Array(chunk)).all()
            {
                let organization = try row.record(OrganizationRecord.self).organization()
                found[organization.id] = organization
            }
        }
        return found
    }

    /// Up to `limit` organizations whose ids sort after `after`, in id (creation) order; an organization's record
    /// is AMBER+STRICT, so within a `scope` that does not read that label, only the party's own.
    public func list(after: String?, limit: Int, within scope: ReadScope? = nil) async throws -> [Organization] {
        var query = database.select().columns(OrganizationRecord.columns.map { SQLColumn($0) })
            .from(OrganizationRecord.table)
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        if let scope, !scope.labels.contains(.amberStrict) {
            query = query.where("id", .equal, scope.organization?.rawValue ?? "")
        }
        return try await query.orderBy("id").limit(limit).all()
            .map { try $0.record(OrganizationRecord.self).organization() }
    }

    /// How many organizations exist.
    public func count() async throws -> Int {
        let row = try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(OrganizationRecord.table).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Records a new verification state.
    /// Sets whether every person of an organization must use a second factor.
    public func setRequiresSecondFactor(_ required: Bool, of id: Organization.ID) async throws {
        try await database.update(OrganizationRecord.table).set("requires_second_factor", to: required ? 1 : 0)
            .where("id", .equal, id.rawValue).run()
    }

    public func setVerification(_ verification: Verification, of id: Organization.ID) async throws {
        try await database.update(OrganizationRecord.table)
            .set("verification_state", to: verification.state.rawValue)
            .set("verified_at", to: verification.verifiedAt.map(Timestamp.microseconds))
            .set("verified_by", to: verification.verifiedBy?.rawValue)
            .where("id", .equal, id.rawValue)
            .run()
    }
}
