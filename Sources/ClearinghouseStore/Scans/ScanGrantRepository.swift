public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var scanGrants: ScanGrantRepository { ScanGrantRepository(database: database) }
}

/// Owners' grants of scans of their assets.
public struct ScanGrantRepository: Sendable {
    let database: any SQLDatabase

    static let table = "scan_grants"
    static let columns = [
        "id", "granter_id", "grantee_id", "scopes", "techniques", "starts_at", "ends_at", "max_requests_per_second",
        "contact", "created_at", "revoked_at",
    ]

    public func insert(_ grant: ScanGrant) async throws {
        let values: [any Encodable & Sendable] = [
            grant.id.rawValue, grant.granter.rawValue, grant.grantee.rawValue,
            try ScanLeaseRepository.json(grant.scopes.map(\.request)),
            grant.techniques.map(\.rawValue).sorted().joined(separator: ","), Timestamp.microseconds(grant.startsAt),
            Timestamp.microseconds(grant.endsAt), grant.maximumRequestsPerSecond, grant.contact,
            Timestamp.microseconds(grant.createdAt), grant.revokedAt.map(Timestamp.microseconds),
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
    }

    public func revoke(_ id: ScanGrant.ID, at date: Date) async throws {
        try await database.update(Self.table).set("revoked_at", to: SQLBind(Timestamp.microseconds(date)))
            .where("id", .equal, id.rawValue).run()
    }

    public func find(_ id: ScanGrant.ID) async throws -> ScanGrant? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.grant)
    }

    /// The grants to an organization not revoked and not ended by `date`, locked shared until the transaction
    /// ends so that a revocation waits for a claim that rests on one of them (and the claim, for a revocation that
    /// came first, reads the grant revoked).
    public func inForce(to grantee: Organization.ID, endingAfter date: Date) async throws -> [ScanGrant] {
        try await database.select().columns(Self.columns).from(Self.table)
            .where("grantee_id", .equal, grantee.rawValue).where("revoked_at", .is, SQLLiteral.null)
            .where("ends_at", .greaterThan, Timestamp.microseconds(date)).for(.share).all().map(Self.grant)
    }

    /// Grants by id after `after` that an organization gave or received, or (`nil`) all.
    public func list(concerning organization: Organization.ID?, after: String?, limit: Int) async throws
        -> [ScanGrant]
    {
        var query = database.select().columns(Self.columns).from(Self.table)
        if let organization {
            query = query.where { group in
                group.where("granter_id", .equal, organization.rawValue)
                    .orWhere("grantee_id", .equal, organization.rawValue)
            }
        }
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        return try await query.orderBy("id").limit(limit).all().map(Self.grant)
    }

    private static func grant(_ row: any SQLRow) throws -> ScanGrant {
        let row = try StoredRow(row, table: table)
        let id = try row.text("id")
        let scopes: [ScanScope]
        let techniques: [ScanTechnique]
        do {
            scopes = try row.json("scopes", as: [ScanScope.Request].self, what: "grant scopes").map {
                request throws in try ScanScope(request)
            }
            techniques = try row.text("techniques").split(separator: ",").map { name in
                guard let technique = ScanTechnique(rawValue: String(name)) else {
                    throw StoreCorruption(table: table, id: id, problem: "unknown technique `\(name)`")
                }
                return technique
            }
        } catch let error as StoreCorruption {
            throw error
        } catch {
            throw StoreCorruption(table: table, id: id, problem: "the stored scopes no longer read: \(error)")
        }
        return ScanGrant(
            id: try row.identifier("id"), granter: try row.identifier("granter_id"),
            grantee: try row.identifier("grantee_id"), scopes: scopes, techniques: Set(techniques),
            startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"),
            maximumRequestsPerSecond: try row.value("max_requests_per_second", as: Int.self),
            contact: try row.text("contact"), createdAt: try row.date("created_at"),
            revokedAt: try row.optionalDate("revoked_at"))
    }
}
