public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var scanAssets: ScanAssetRepository { ScanAssetRepository(database: database) }
}

/// The networks and names organizations own, for their grants.
public struct ScanAssetRepository: Sendable {
    let database: any SQLDatabase

    static let table = "scan_assets"
    static let columns = [
        "id", "organization_id", "scope", "name", "verification_method", "verification_note", "verified_by",
        "verified_at", "created_at",
    ]

    public func insert(_ asset: ScanAsset) async throws {
        let values: [any Encodable & Sendable] = [
            asset.id.rawValue, asset.owner.rawValue, try ScanLeaseRepository.json(asset.scope.request), asset.name,
            asset.verification?.method.rawValue, asset.verification?.note, asset.verification?.by.rawValue,
            asset.verification.map { Timestamp.microseconds($0.at) }, Timestamp.microseconds(asset.createdAt),
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
    }

    public func setVerification(_ verification: ScanAsset.Verification, of id: ScanAsset.ID) async throws {
        try await database.update(Self.table)
            .set("verification_method", to: SQLBind(verification.method.rawValue))
            .set("verification_note", to: SQLBind(verification.note))
            .set("verified_by", to: SQLBind(verification.by.rawValue))
            .set("verified_at", to: SQLBind(Timestamp.microseconds(verification.at)))
            .where("id", .equal, id.rawValue).run()
    }

    public func delete(_ id: ScanAsset.ID) async throws {
        try await database.delete(from: Self.table).where("id", .equal, id.rawValue).run()
    }

    public func find(_ id: ScanAsset.ID) async throws -> ScanAsset? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.asset)
    }

    /// The verified assets of some organizations, for deciding their grants.
    public func verified(of organizations: Set<Organization.ID>) async throws -> [ScanAsset] {
        guard !organizations.isEmpty else { return [] }
        return try await database.select().columns(Self.columns).from(Self.table)
            .where("organization_id", .in, organizations.map(\.rawValue).sorted())
            .where("verified_at", .isNot, SQLLiteral.null).all().map(Self.asset)
    }

    /// The most specific verified asset holding each place, found by equality among the places'
    /// ``ScanScope/containers`` (at most 129 a place), in as few queries as the places' containers need.
    public func verified(holding places: Set<ScanScope>) async throws -> [ScanScope: ScanAsset] {
        let containers = Set(places.flatMap(\.containers))
        var byScope: [ScanScope: ScanAsset] = [:]
        for chunk in try containers.map({ try ScanLeaseRepository.json($0.request) }).sorted().inListChunks() {
            for asset in try await database.select().columns(Self.columns).from(Self.table)
                .where("scope", .in, Array(chunk)).where("verified_at", .isNot, SQLLiteral.null).all().map(Self.asset)
            {
                byScope[asset.scope] = byScope[asset.scope] ?? asset
            }
        }
        var holders: [ScanScope: ScanAsset] = [:]
        for place in places {
            holders[place] = place.containers.lazy.compactMap { byScope[$0] }.first
        }
        return holders
    }

    /// Assets by id after `after`, of one organization or (`nil`) of all.
    public func list(of organization: Organization.ID?, after: String?, limit: Int) async throws -> [ScanAsset] {
        var query = database.select().columns(Self.columns).from(Self.table)
        if let organization {
            query = query.where("organization_id", .equal, organization.rawValue)
        }
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        return try await query.orderBy("id").limit(limit).all().map(Self.asset)
    }

    private static func asset(_ row: any SQLRow) throws -> ScanAsset {
        let row = try StoredRow(row, table: table)
        let id = try row.text("id")
        let scope: ScanScope
        do {
            scope = try ScanScope(stored: try row.json("scope", as: ScanScope.Request.self, what: "asset scope"))
        } catch {
            throw StoreCorruption(table: table, id: id, problem: "the stored scope no longer reads: \(error)")
        }
        var verification: ScanAsset.Verification?
        if let method: ScanAsset.VerificationMethod = try row.optionalEnumeration("verification_method") {
            verification = ScanAsset.Verification(
                method: method, note: try row.optionalText("verification_note"),
                by: try row.identifier("verified_by"), at: try row.date("verified_at"))
        }
        return ScanAsset(
            id: try row.identifier("id"), owner: try row.identifier("organization_id"), scope: scope,
            name: try row.text("name"), verification: verification, createdAt: try row.date("created_at"))
    }
}
