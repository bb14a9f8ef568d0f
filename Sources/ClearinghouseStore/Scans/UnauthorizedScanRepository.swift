public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var unauthorizedScans: UnauthorizedScanRepository { UnauthorizedScanRepository(database: database) }
}

/// Findings about infrastructure flagged because no lease of their reporter covered the place.
public struct UnauthorizedScanRepository: Sendable {
    let database: any SQLDatabase

    static let table = "unauthorized_scans"
    static let columns = ["finding_id", "reporter_id", "place", "reason", "asset_id", "owner_id", "flagged_at"]

    public func insert(_ flags: [UnauthorizedScan]) async throws {
        try await database.insert(flags, into: Self.table, columns: Self.columns) { flag in
            [
                flag.finding.rawValue, flag.reporter.rawValue, try ScanLeaseRepository.json(flag.place),
                flag.reason.rawValue, flag.asset?.rawValue, flag.owner?.rawValue,
                Timestamp.microseconds(flag.flaggedAt),
            ]
        }
    }

    /// Flags by finding id after `after`: those at one owner's assets, or (`nil`) every one.
    public func list(ownedBy owner: Organization.ID?, after: String?, limit: Int) async throws -> [UnauthorizedScan] {
        var query = database.select().columns(Self.columns).from(Self.table)
        if let owner {
            query = query.where("owner_id", .equal, owner.rawValue)
        }
        if let after {
            query = query.where("finding_id", .greaterThan, after)
        }
        return try await query.orderBy("finding_id").limit(limit).all().map(Self.flag)
    }

    private static func flag(_ row: any SQLRow) throws -> UnauthorizedScan {
        let row = try StoredRow(row, table: table, idColumn: "finding_id")
        return UnauthorizedScan(
            finding: try row.identifier("finding_id"), reporter: try row.identifier("reporter_id"),
            place: try row.json("place", as: FindingNetworkTarget.self, what: "network place"),
            reason: try row.enumeration("reason"), asset: try row.optionalIdentifier("asset_id"),
            owner: try row.optionalIdentifier("owner_id"), flaggedAt: try row.date("flagged_at"))
    }
}
