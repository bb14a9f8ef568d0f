public import ClearinghouseCore
import Foundation
import SQLKit

extension Repositories {
    public var designationAuthorities: DesignationAuthorityRepository {
        DesignationAuthorityRepository(database: database)
    }
}

/// The organizations that hold the designation-authority role.
public struct DesignationAuthorityRepository: Sendable {
    let database: any SQLDatabase

    static let table = "designation_authorities"
    static let columns = ["organization_id", "designated_by", "designated_at"]

    /// Adds the role (the workflow looks for it first, in the same transaction).
    public func insert(_ authority: DesignationAuthority) async throws {
        try await database.insert(
            [
                [
                    authority.organization.rawValue, authority.designatedBy.rawValue,
                    Timestamp.microseconds(authority.designatedAt),
                ]
            ], into: Self.table, columns: Self.columns)
    }

    public func delete(_ organization: Organization.ID) async throws {
        try await database.delete(from: Self.table).where("organization_id", .equal, organization.rawValue).run()
    }

    public func find(_ organization: Organization.ID) async throws -> DesignationAuthority? {
        try await database.select().columns(Self.columns).from(Self.table)
            .where("organization_id", .equal, organization.rawValue).first().map(Self.authority)
    }

    /// Every authority, by organization id: a handful, read whole.
    public func all() async throws -> [DesignationAuthority] {
        try await database.select().columns(Self.columns).from(Self.table).orderBy("organization_id").all()
            .map(Self.authority)
    }

    private static func authority(_ row: any SQLRow) throws -> DesignationAuthority {
        let row = try StoredRow(row, table: table, idColumn: "organization_id")
        return DesignationAuthority(
            organization: try row.identifier("organization_id"), designatedBy: try row.identifier("designated_by"),
            designatedAt: try row.date("designated_at"))
    }
}
